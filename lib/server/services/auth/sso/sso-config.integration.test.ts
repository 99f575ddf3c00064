import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeUser } from "../../../../testing/factories";
import { startTestIdp, type TTestIdp } from "../../../../testing/oidc-test-provider";
import { resetDatabase } from "../../../../testing/reset-database";
import { listAuditEvents } from "../../../repositories/audit-repository";
import { findSsoConfig } from "../../../repositories/sso-config-repository";
import { discoverOidc } from "./oidc-discovery";
import { saveOidcConnection } from "./save-oidc-connection";
import { loadOidcProviderConfig, ssoRedirectUrl } from "./sso-config";

const PORT = 4791;
const CLIENT = { clientId: "watchpost-it", clientSecret: "it-client-secret-0123456789" };
let idp: TTestIdp;

beforeAll(async () => {
  idp = await startTestIdp({ port: PORT, clients: [{ ...CLIENT, redirectUris: [ssoRedirectUrl()] }], users: {} });
});
afterAll(() => idp.close());
beforeEach(resetDatabase);

const input = (overrides: Record<string, string> = {}) => ({
  displayName: "Test IdP",
  issuer: idp.issuer,
  clientId: CLIENT.clientId,
  clientSecret: CLIENT.clientSecret,
  scopes: "openid email profile groups",
  groupsClaim: "groups",
  ...overrides,
});

const fieldError = async (promise: Promise<unknown>) => {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; message?: string; invalidParams?: { name: string; reason: string }[] } | null;
  expect(error, "expected a refusal").not.toBeNull();
  return { code: error?.code, field: error?.invalidParams?.[0]?.name, message: error?.message ?? "" };
};

describe("saveOidcConnection", () => {
  it("discovers the provider, checks the client, stores the secret encrypted and never returns it", async () => {
    const { principal } = await makeUser("admin");
    const settings = await saveOidcConnection({ actor: principal, input: input() });
    expect(settings.oidc).toMatchObject({ displayName: "Test IdP", issuer: idp.issuer, clientId: CLIENT.clientId, isClientSecretSet: true });
    expect(JSON.stringify(settings)).not.toContain(CLIENT.clientSecret);
    const row = await findSsoConfig("oidc");
    expect(row?.clientSecretCiphertext.startsWith("v2:")).toBe(true);
    expect(row?.clientSecretCiphertext).not.toContain(CLIENT.clientSecret);
    expect(row?.metadata).toMatchObject({ issuer: idp.issuer, tokenEndpoint: `${idp.issuer}/token`, tokenEndpointAuthMethod: "client_secret_basic" });
    const loaded = await loadOidcProviderConfig();
    expect(loaded?.clientSecret).toBe(CLIENT.clientSecret);
    const [event] = (await listAuditEvents({ limit: 1, action: "sso.configured" })).rows;
    expect(event).toMatchObject({ actorId: principal.userId });
    expect(JSON.stringify(event?.details)).not.toContain(CLIENT.clientSecret);
  });

  it("keeps the stored secret when the form sends none", async () => {
    const { principal } = await makeUser("admin");
    await saveOidcConnection({ actor: principal, input: input() });
    const before = (await findSsoConfig("oidc"))?.clientSecretCiphertext;
    const settings = await saveOidcConnection({ actor: principal, input: input({ clientSecret: "", displayName: "Renamed" }) });
    expect(settings.oidc?.displayName).toBe("Renamed");
    expect((await findSsoConfig("oidc"))?.clientSecretCiphertext).toBe(before);
  });

  it("refuses a wrong client secret or client ID before saving (invalid_client)", async () => {
    const { principal } = await makeUser("admin");
    const wrongSecret = await fieldError(saveOidcConnection({ actor: principal, input: input({ clientSecret: "not-the-secret" }) }));
    expect(wrongSecret).toMatchObject({ code: "bad_request", field: "clientSecret" });
    expect(wrongSecret.message).toMatch(/refused this client ID or secret/);
    const wrongId = await fieldError(saveOidcConnection({ actor: principal, input: input({ clientId: "no-such-client" }) }));
    expect(wrongId.message).toMatch(/invalid_client/);
    expect(await findSsoConfig("oidc")).toBeNull();
  });

  it("refuses an unreachable issuer, a URL that is not an issuer, and an issuer the document does not name", async () => {
    const { principal } = await makeUser("admin");
    const unreachable = await fieldError(saveOidcConnection({ actor: principal, input: input({ issuer: "http://127.0.0.1:9" }) }));
    expect(unreachable).toMatchObject({ field: "issuer" });
    expect(unreachable.message).toMatch(/Cannot reach the issuer/);
    const notIssuer = await fieldError(saveOidcConnection({ actor: principal, input: input({ issuer: `${idp.issuer}/nothing-here` }) }));
    expect(notIssuer.message).toMatch(/answered HTTP 404/);
    const otherName = await fieldError(saveOidcConnection({ actor: principal, input: input({ issuer: `http://localhost:${PORT}` }) }));
    expect(otherName.message).toMatch(/names the issuer http:\/\/127\.0\.0\.1/);
    expect(await findSsoConfig("oidc")).toBeNull();
  });

  it("refuses private and loopback issuers unless private targets are allowed, and plain http to a public host", async () => {
    const closed = { allowPrivate: false, allowLoopbackHttpLiteral: false };
    await expect(discoverOidc({ issuer: idp.issuer, policy: closed })).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/must use https/) });
    await expect(discoverOidc({ issuer: "https://10.0.0.5/realms/x", policy: closed })).rejects.toMatchObject({ message: expect.stringMatching(/a private address/) });
    await expect(discoverOidc({ issuer: "https://169.254.169.254", policy: { ...closed, allowPrivate: true } })).rejects.toMatchObject({ message: expect.stringMatching(/metadata/) });
    await expect(discoverOidc({ issuer: "http://93.184.215.14", policy: { ...closed, allowPrivate: true } })).rejects.toMatchObject({ message: expect.stringMatching(/must use https/) });
  });
});
