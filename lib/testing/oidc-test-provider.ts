// A real OpenID provider for tests (oidc-provider, a certified implementation) on loopback: discovery, the
// authorization code flow with PKCE, client authentication and signed ID tokens. A "tamper" mode re-signs the ID
// token it issues with a wrong audience, an expiry in the past, or another key, to test that Watchpost refuses them.
import { createPrivateKey, generateKeyPairSync, randomUUID, sign, type JsonWebKey } from "node:crypto";
import type { Server } from "node:http";
import Provider, { type Configuration } from "oidc-provider";

export type TTestIdpUser = Readonly<{ email: string; name: string; groups: readonly string[]; emailVerified?: boolean }>;
export type TTamper = "none" | "audience" | "expired" | "signature";
export type TTestIdpClient = Readonly<{ clientId: string; clientSecret: string; redirectUris: readonly string[] }>;

export type TTestIdp = Readonly<{
  issuer: string;
  /** Changes how the next ID tokens are issued; "none" issues them as the provider signs them. */
  setTamper: (mode: TTamper) => void;
  /** Adds or replaces a user (login name → claims); the login name is the subject. */
  setUser: (login: string, user: TTestIdpUser) => void;
  close: () => Promise<void>;
}>;

const base64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

const rsaKey = (kid: string) => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, jwk: { ...(privateKey.export({ format: "jwk" }) as JsonWebKey), kid, alg: "RS256", use: "sig" } };
};

/** Signs `payload` as an RS256 JWT with `jwk` (the provider's key, or a stranger's under the same kid). */
const signJwt = (payload: Record<string, unknown>, jwk: JsonWebKey & { kid: string }): string => {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: jwk.kid }));
  const body = base64url(JSON.stringify(payload));
  const key = createPrivateKey({ key: jwk, format: "jwk" });
  return `${header}.${body}.${base64url(sign("sha256", Buffer.from(`${header}.${body}`), key))}`;
};

const tamperPayload = (payload: Record<string, unknown>, mode: TTamper): Record<string, unknown> => {
  const now = Math.floor(Date.now() / 1000);
  if (mode === "audience") return { ...payload, aud: "another-application" };
  if (mode === "expired") return { ...payload, iat: now - 7200, exp: now - 3600 };
  return payload;
};

/** Starts the provider on 127.0.0.1:`port` with the given clients and users. */
export const startTestIdp = async (options: Readonly<{ port: number; clients: readonly TTestIdpClient[]; users: Readonly<Record<string, TTestIdpUser>> }>): Promise<TTestIdp> => {
  const issuer = `http://127.0.0.1:${options.port}`;
  const users = new Map(Object.entries(options.users));
  const key = rsaKey(`test-${randomUUID().slice(0, 8)}`);
  const stranger = rsaKey(key.kid);
  let tamper: TTamper = "none";

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [...c.redirectUris],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [key.jwk as never] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    // ID tokens carry the scopes' claims (email, name, groups), as Entra ID, Okta and Keycloak do when configured.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: [randomUUID()] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const user = users.get(id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: user.email, email_verified: user.emailVerified ?? true, name: user.name, groups: [...user.groups] }),
      };
    },
    // Consent is implied for the test clients: the login form is the only interaction.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (tamper === "none" || ctx.path !== "/token" || typeof body?.id_token !== "string") return;
    const payload = JSON.parse(Buffer.from(body.id_token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    body.id_token = signJwt(tamperPayload(payload, tamper), tamper === "signature" ? stranger.jwk : key.jwk);
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = provider.listen(options.port, "127.0.0.1", () => resolve(listening));
    listening.once("error", reject);
  });
  return {
    issuer,
    setTamper: (mode) => {
      tamper = mode;
    },
    setUser: (login, user) => {
      users.set(login, user);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
