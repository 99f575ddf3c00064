import "server-only";
import { safeCallbackPath } from "../../shared/safe-callback";
import { clientIpFrom } from "../http/client-ip";
import { readLimitedBodyText } from "../http/read-json-body";
import { logger } from "../logger";
import { newSessionClaims } from "../services/auth/session-claims";
import { completeSamlSignIn } from "../services/auth/sso/complete-saml-sign-in";
import { startSamlSignIn } from "../services/auth/sso/start-saml-sign-in";
import { setSessionCookie } from "./session-cookie";

/** A signed Response with a few attributes and groups is a few KB; Entra's with many groups stays far below this. */
const MAX_ACS_BODY_BYTES = 512 * 1024;

/** To a path of this site (safeCallbackPath made it one). */
const redirect = (path: string): Response => new Response(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });

const toLogin = (code: string) => redirect(`/login?error=${encodeURIComponent(code)}`);

/** GET /api/auth/saml/login?callbackUrl=…: to the IdP with an AuthnRequest. */
export const handleSamlLogin = async (req: Request): Promise<Response> => {
  const returnPath = safeCallbackPath(new URL(req.url).searchParams.get("callbackUrl") ?? undefined);
  try {
    const url = await startSamlSignIn({ returnPath });
    if (!url) return toLogin("SsoUnavailable");
    return new Response(null, { status: 303, headers: { location: url, "cache-control": "no-store" } });
  } catch (error) {
    logger.error({ err: error }, "single sign-on: cannot start the SAML sign-in");
    return toLogin("SsoFailed");
  }
};

/**
 * POST /api/auth/saml/acs (HTTP-POST binding): the IdP's Response. After a valid assertion the session cookie is set
 * as next-auth's jwt callback sets it at sign-in (a new session id and lifetime), then the browser goes to RelayState.
 */
export const handleSamlAcs = async (req: Request): Promise<Response> => {
  const contentType = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") return new Response(null, { status: 415, headers: { accept: "application/x-www-form-urlencoded" } });
  const body = await readLimitedBodyText(req, MAX_ACS_BODY_BYTES);
  if (body === null) return toLogin("SsoFailed");
  const form = new URLSearchParams(body);
  const samlResponse = form.get("SAMLResponse");
  if (!samlResponse) return toLogin("SsoFailed");
  const result = await completeSamlSignIn({ samlResponse, relayState: form.get("RelayState"), ip: clientIpFrom(req.headers) });
  if (!result.ok) return toLogin(result.code);
  const { user } = result;
  await setSessionCookie({ userId: user.id, email: user.email, name: user.name, role: user.role, via: "session", ip: null }, newSessionClaims(user.id, new Date()));
  return redirect(safeCallbackPath(result.relayState ?? undefined));
};
