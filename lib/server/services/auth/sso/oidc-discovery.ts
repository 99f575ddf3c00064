import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getEnv } from "../../../../env";
import { assertAllowedHost, guardedFetch, targetRefusalOf, type TTargetPolicy } from "../../../../net/guarded-fetch";
import { AppError } from "../../../../shared/errors";

const TIMEOUT_MS = 8_000;
const MAX_DOCUMENT_BYTES = 256 * 1024;

/** What sign-in needs of the provider, found by discovery when the configuration is saved. */
export const ZOidcMetadata = z.object({
  issuer: z.string(),
  authorizationEndpoint: z.string(),
  tokenEndpoint: z.string(),
  userinfoEndpoint: z.string().nullable(),
  jwksUri: z.string(),
  tokenEndpointAuthMethod: z.enum(["client_secret_basic", "client_secret_post"]),
  idTokenSigningAlg: z.string(),
});
export type TOidcMetadata = z.infer<typeof ZOidcMetadata>;

const ZDiscoveryDocument = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  userinfo_endpoint: z.string().optional(),
  jwks_uri: z.string(),
  response_types_supported: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
});

/**
 * The identity provider is admin-supplied: like webhooks, only public addresses unless
 * WATCHPOST_ALLOW_PRIVATE_TARGETS (an IdP inside the network, or the test IdP on loopback).
 */
export const ssoTargetPolicy = (allowPrivate: boolean = getEnv().WATCHPOST_ALLOW_PRIVATE_TARGETS): TTargetPolicy => ({ allowPrivate, allowLoopbackHttpLiteral: false });

const fail = (field: string, message: string): never => {
  throw new AppError("bad_request", message, [{ name: field, reason: message }]);
};

const isLoopbackHost = (host: string) => host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

/** https only; plain http only to loopback where private targets are allowed (a test IdP). Then the address rules. */
export const assertEndpoint = async (raw: string, field: string, what: string, policy: TTargetPolicy): Promise<URL> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(field, `${what} is not a URL: ${raw.slice(0, 200)}`);
  }
  const isHttpAllowed = url.protocol === "http:" && policy.allowPrivate && isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !isHttpAllowed) fail(field, `${what} must use https: ${url.origin}`);
  try {
    await assertAllowedHost(url.hostname, url.protocol, policy);
  } catch (error) {
    const refusal = targetRefusalOf(error);
    if (refusal) fail(field, `${what} refused: ${refusal.reason}${policy.allowPrivate ? "" : " (set WATCHPOST_ALLOW_PRIVATE_TARGETS=1 to allow private targets)"}`);
    fail(field, `Cannot reach ${what === "Metadata URL" ? "the metadata URL" : "the issuer"}: ${url.hostname} does not resolve`);
  }
  return url;
};

const describeFetchError = (error: unknown): string => {
  const refusal = targetRefusalOf(error);
  if (refusal) return refusal.reason;
  if (error instanceof Error && error.name === "TimeoutError") return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  return typeof cause?.code === "string" ? cause.code : error instanceof Error ? error.message : "unknown error";
};

export const request = async (url: string, init: RequestInit, field: string, policy: TTargetPolicy, target = "the issuer"): Promise<Response> => {
  try {
    // No redirects: a redirect could lead anywhere, after the address check of the URL given.
    return await guardedFetch(policy)(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    return fail(field, `Cannot reach ${target} at ${new URL(url).origin}: ${describeFetchError(error)}`);
  }
};

const readJson = async (response: Response, field: string, what: string): Promise<unknown> => {
  const text = await response.text();
  if (text.length > MAX_DOCUMENT_BYTES) fail(field, `${what} is larger than ${MAX_DOCUMENT_BYTES / 1024} KB`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail(field, `${what} is not JSON: is the issuer URL right?`);
  }
};

/** The issuer as written, without a trailing slash: the form of the `iss` claim most providers use. */
export const normalizeIssuer = (issuer: string): string => issuer.replace(/\/+$/, "");

const chooseAuthMethod = (supported: readonly string[] | undefined): TOidcMetadata["tokenEndpointAuthMethod"] => {
  // Absent means client_secret_basic (OpenID Connect Discovery 1.0, section 3).
  if (!supported || supported.includes("client_secret_basic")) return "client_secret_basic";
  if (supported.includes("client_secret_post")) return "client_secret_post";
  return fail("issuer", `The provider supports neither client_secret_basic nor client_secret_post (it offers ${supported.join(", ")})`);
};

/** OpenID Connect Discovery of `issuer`: the document must exist, name this very issuer and offer the code flow. */
export const discoverOidc = async (options: Readonly<{ issuer: string; policy?: TTargetPolicy }>): Promise<TOidcMetadata> => {
  const policy = options.policy ?? ssoTargetPolicy();
  const issuer = normalizeIssuer(options.issuer);
  const wellKnown = `${issuer}/.well-known/openid-configuration`;
  await assertEndpoint(wellKnown, "issuer", "Issuer URL", policy);
  const response = await request(wellKnown, { headers: { accept: "application/json" } }, "issuer", policy);
  if (response.status !== 200) fail("issuer", `The issuer answered HTTP ${response.status} at ${wellKnown}: is the issuer URL right?`);
  const parsed = ZDiscoveryDocument.safeParse(await readJson(response, "issuer", "The discovery document"));
  if (!parsed.success) return fail("issuer", `${wellKnown} is not an OpenID Connect discovery document (${parsed.error.issues[0]?.path.join(".")} is missing or invalid)`);
  const document = parsed.data;
  if (normalizeIssuer(document.issuer) !== issuer) fail("issuer", `The discovery document names the issuer ${document.issuer.slice(0, 200)}, not ${issuer}: enter exactly that issuer`);
  if (document.response_types_supported && !document.response_types_supported.includes("code")) fail("issuer", "The provider does not offer the authorization code flow");
  for (const [raw, what] of [
    [document.authorization_endpoint, "The authorization endpoint"],
    [document.token_endpoint, "The token endpoint"],
    [document.jwks_uri, "The key set (jwks_uri)"],
    ...(document.userinfo_endpoint ? [[document.userinfo_endpoint, "The userinfo endpoint"] as const] : []),
  ] as const) {
    await assertEndpoint(raw, "issuer", what, policy);
  }
  const algs = document.id_token_signing_alg_values_supported?.filter((a) => a !== "none") ?? ["RS256"];
  return {
    issuer: document.issuer,
    authorizationEndpoint: document.authorization_endpoint,
    tokenEndpoint: document.token_endpoint,
    userinfoEndpoint: document.userinfo_endpoint ?? null,
    jwksUri: document.jwks_uri,
    tokenEndpointAuthMethod: chooseAuthMethod(document.token_endpoint_auth_methods_supported),
    idTokenSigningAlg: algs.includes("RS256") ? "RS256" : (algs[0] ?? "RS256"),
  };
};

/** The key set must answer with at least one key: without it no ID token can be verified. */
export const checkJwks = async (metadata: TOidcMetadata, policy: TTargetPolicy = ssoTargetPolicy()): Promise<void> => {
  const response = await request(metadata.jwksUri, { headers: { accept: "application/json" } }, "issuer", policy);
  if (response.status !== 200) fail("issuer", `The provider's key set answered HTTP ${response.status} (${metadata.jwksUri})`);
  const body = z.object({ keys: z.array(z.unknown()).min(1) }).safeParse(await readJson(response, "issuer", "The provider's key set"));
  if (!body.success) fail("issuer", `The provider's key set has no keys (${metadata.jwksUri})`);
};

/**
 * Whether the provider knows this client: a token request with a made-up code. A known client with the right
 * secret gets invalid_grant (the code is wrong); a wrong client ID or secret gets invalid_client.
 */
export const checkClient = async (
  options: Readonly<{ metadata: TOidcMetadata; clientId: string; clientSecret: string; redirectUrl: string; policy?: TTargetPolicy }>,
): Promise<void> => {
  const { metadata, clientId, clientSecret } = options;
  const form = new URLSearchParams({ grant_type: "authorization_code", code: randomBytes(16).toString("base64url"), redirect_uri: options.redirectUrl });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (metadata.tokenEndpointAuthMethod === "client_secret_basic") {
    // RFC 6749 2.3.1: both parts form-urlencoded before base64.
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`;
  } else {
    form.set("client_id", clientId);
    form.set("client_secret", clientSecret);
  }
  const response = await request(metadata.tokenEndpoint, { method: "POST", headers, body: form.toString() }, "clientId", options.policy ?? ssoTargetPolicy());
  const body = z.object({ error: z.string().optional() }).safeParse(await response.json().catch(() => ({})));
  const error = body.success ? body.data.error : undefined;
  if (error === "invalid_client" || response.status === 401) fail("clientSecret", "The identity provider refused this client ID or secret (invalid_client)");
  if (error === "unauthorized_client") fail("clientId", "The identity provider does not let this client use the authorization code flow (unauthorized_client)");
};
