import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { guardedLookup } from "../../net/guarded-fetch";
import { SSO_PROVIDER_ID } from "../../shared/schemas/sso";
import type { TSignInErrorCode } from "../../shared/sign-in-errors";
import { clientIpFrom } from "../http/client-ip";
import { logger } from "../logger";
import { appendAuditEvent } from "../repositories/audit-repository";
import { classifySsoError } from "../services/auth/sso/classify-sso-error";
import { ssoTargetPolicy } from "../services/auth/sso/oidc-discovery";
import { signInWithSso } from "../services/auth/sso/sign-in-with-sso";
import { loadOidcProviderConfig, type TOidcProviderConfig } from "../services/auth/sso/sso-config";
import { authOptions } from "./auth-options";

type TSsoUser = User & { role?: string; refusal?: TSignInErrorCode };

/** What went wrong in this request's OpenID exchange, from next-auth's logger (it only tells the browser "OAuthCallback"). */
type TFailure = { code?: TSignInErrorCode; detail?: string; isAudited?: boolean };

const messageOf = (metadata: unknown): string => {
  const error = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
  return error instanceof Error ? error.message : typeof error === "string" ? error : "";
};

const SSO_ACTIONS = new RegExp(`^/api/auth/(signin/${SSO_PROVIDER_ID}|callback/${SSO_PROVIDER_ID}|providers)/?$`);

const endpointOf = (raw: string): { url: string; params: Record<string, string> } => {
  const url = new URL(raw);
  return { url: `${url.origin}${url.pathname}`, params: Object.fromEntries(url.searchParams) };
};

const buildProvider = (config: TOidcProviderConfig, ip: string): OAuthConfig<Record<string, unknown>> => {
  const { metadata } = config;
  const authorization = endpointOf(metadata.authorizationEndpoint);
  return {
    id: SSO_PROVIDER_ID,
    name: config.displayName,
    type: "oauth",
    // The endpoints discovery found when an admin saved the connection (checked against the address rules then):
    // no discovery request at sign-in.
    issuer: metadata.issuer,
    authorization: { url: authorization.url, params: { ...authorization.params, scope: config.scopes } },
    token: metadata.tokenEndpoint,
    ...(metadata.userinfoEndpoint ? { userinfo: metadata.userinfoEndpoint } : {}),
    jwks_endpoint: metadata.jwksUri,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    client: { token_endpoint_auth_method: metadata.tokenEndpointAuthMethod, id_token_signed_response_alg: metadata.idTokenSigningAlg },
    // Token and key-set requests connect only where the address rules allow (DNS rebinding included).
    httpOptions: { timeout: 10_000, lookup: guardedLookup(ssoTargetPolicy()) } as OAuthConfig<Record<string, unknown>>["httpOptions"],
    // Runs once the ID token verified (signature, iss, aud, exp with next-auth's 10 s clock tolerance, nonce).
    async profile(claims): Promise<TSsoUser> {
      try {
        const result = await signInWithSso({ claims, policy: config.policy, ip });
        if (!result.ok) return { id: "refused", refusal: result.code };
        return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role };
      } catch (error) {
        logger.error({ err: error }, "single sign-on: provisioning failed");
        return { id: "refused", refusal: "SsoFailed" };
      }
    },
  };
};

/** A failed callback goes to the sign-in page with the specific code; a failure of the provider's answer is audited here. */
const withFailureCode = async (response: Response, failure: TFailure, ip: string): Promise<Response> => {
  const location = response.headers.get("location");
  if (!failure.code || !location) return response;
  if (!failure.isAudited) await appendAuditEvent({ action: "auth.sso_refused", ip, details: { reason: failure.code, detail: (failure.detail ?? "").slice(0, 300) } });
  const headers = new Headers(response.headers);
  headers.set("location", `/login?error=${failure.code}`);
  return new Response(null, { status: response.status, headers });
};

/**
 * next-auth's options for one request: the password provider, and the configured OpenID provider built from the
 * stored connection (so a change in Settings applies to the next sign-in, on every web process).
 */
export const runAuthRequest = async (req: Request, run: (options: NextAuthOptions) => Promise<Response>): Promise<Response> => {
  // Only these read the stored provider: password sign-in, session, csrf and sign-out stay free of the database read.
  if (!SSO_ACTIONS.test(new URL(req.url).pathname)) return run(authOptions);
  const config = await loadOidcProviderConfig().catch((error: unknown) => {
    logger.error({ err: error }, "single sign-on: the stored configuration cannot be used");
    return null;
  });
  if (!config) return run(authOptions);
  const ip = clientIpFrom(req.headers);
  const failure: TFailure = {};
  const options: NextAuthOptions = {
    ...authOptions,
    providers: [...authOptions.providers, buildProvider(config, ip)],
    callbacks: {
      ...authOptions.callbacks,
      signIn({ user }) {
        const refusal = (user as TSsoUser).refusal;
        if (!refusal) return true;
        // Already audited by signInWithSso (with the subject); the browser goes to /login?error=<this>.
        Object.assign(failure, { code: refusal, isAudited: true });
        throw new Error(refusal);
      },
    },
    logger: {
      ...authOptions.logger,
      error(code, metadata) {
        if (code === "OAUTH_CALLBACK_ERROR" || code === "OAUTH_CALLBACK_HANDLER_ERROR") {
          const message = messageOf(metadata);
          failure.code = classifySsoError(message);
          failure.detail = message;
          // openid-client's errors carry the refused ID token and the provider's answer: log the reason only.
          return logger.warn({ code, reason: failure.code, detail: message.slice(0, 300) }, "single sign-on refused");
        }
        authOptions.logger?.error?.(code, metadata as Error);
      },
    },
  };
  return withFailureCode(await run(options), failure, ip);
};
