import "server-only";
import { NextRequest } from "next/server";
import { ZEmail } from "../../shared/schemas/users";
import { throttledErrorValue, throttleMessage } from "../../shared/sign-in-errors";
import { clientIpFrom } from "../http/client-ip";
import { problemResponse } from "../http/problem";
import { readLimitedBodyText } from "../http/read-json-body";
import { releaseSignInAttempt, reserveSignInAttempt } from "../services/auth/login-throttle";
import { runWithPendingSignIn } from "./pending-sign-in";

/** next-auth's forms (csrf token, email, password, callback URL) are a few hundred bytes. */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;

const FORM = "application/x-www-form-urlencoded";

const throttled = (req: Request, retryAfterSeconds: number): Response => {
  const url = new URL("/login", req.url);
  url.searchParams.set("error", throttledErrorValue(retryAfterSeconds));
  // Keeps next-auth's `{url}` shape, so signIn() in the browser reports the 429 and the form its text.
  return Response.json(
    { url: url.toString(), error: throttleMessage(retryAfterSeconds), status: 429 },
    { status: 429, headers: { "retry-after": String(retryAfterSeconds), "cache-control": "no-store" } },
  );
};

/**
 * Every POST to /api/auth/* before next-auth sees it: only a urlencoded form of at most 16 KB, read without
 * buffering more (next-auth would read any body whole), else 415 / 413. A credentials sign-in then reserves
 * its attempt (429 when the email or IP is throttled) and hands the reservation to authorize().
 */
export const guardAuthPost = async (req: Request, action: string, next: (req: NextRequest) => Promise<Response>): Promise<Response> => {
  const contentType = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== FORM) return new Response(null, { status: 415, headers: { accept: FORM, "cache-control": "no-store" } });
  const body = await readLimitedBodyText(req, MAX_AUTH_BODY_BYTES);
  if (body === null) return problemResponse({ code: "payload_too_large", detail: "Request body is too large (16 KB at most)" });
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  const bounded = new NextRequest(req.url, { method: "POST", headers, body });
  if (action !== "callback/credentials") return next(bounded);

  const email = ZEmail.safeParse(new URLSearchParams(body).get("email"));
  // Without a valid email the service refuses the attempt before any password check.
  if (!email.success) return next(bounded);
  const reservation = await reserveSignInAttempt({ email: email.data, ip: clientIpFrom(req.headers) });
  if (reservation.throttle.isLimited) return throttled(req, reservation.throttle.retryAfterSeconds);
  const { result, isTaken } = await runWithPendingSignIn(reservation, () => next(bounded)).catch(async (error: unknown) => {
    await releaseSignInAttempt(reservation);
    throw error;
  });
  if (!isTaken) await releaseSignInAttempt(reservation);
  return result;
};
