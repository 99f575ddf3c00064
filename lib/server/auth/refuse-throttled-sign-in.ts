import "server-only";
import { ZEmail } from "../../shared/schemas/users";
import { clientIpFrom } from "../http/client-ip";
import { checkSignInAllowed, throttleMessage } from "../services/auth/login-throttle";

/**
 * Before next-auth sees a credentials POST: when the email or IP is throttled, answer 429 with
 * Retry-After. The body keeps next-auth's `{url}` shape so `signIn()` in the browser shows the message.
 */
export const refuseThrottledSignIn = async (req: Request): Promise<Response | null> => {
  const form = await req.clone().formData().catch(() => null);
  const email = ZEmail.safeParse(form?.get("email"));
  const ip = clientIpFrom(req.headers);
  const throttle = await checkSignInAllowed({ email: email.success ? email.data : null, ip });
  if (!throttle.isLimited) return null;
  const message = throttleMessage(throttle.retryAfterSeconds);
  const url = new URL("/login", req.url);
  url.searchParams.set("error", message);
  return Response.json(
    { url: url.toString(), error: message, status: 429 },
    { status: 429, headers: { "retry-after": String(throttle.retryAfterSeconds), "cache-control": "no-store" } },
  );
};
