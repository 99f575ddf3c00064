import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import type { Principal } from "../services/principal";
import type { SessionClaims } from "../services/auth/session-claims";
import { authOptions, isHttpsSite, SESSION_MAX_AGE_SECONDS } from "./auth-options";

// next-auth's own cookie name and options (next-auth/core/lib/cookie.js defaultCookies).
const SESSION_COOKIE = `${isHttpsSite ? "__Secure-" : ""}next-auth.session-token`;

const secret = () => {
  if (!authOptions.secret) throw new Error("WATCHPOST_SECRET is not set");
  return authOptions.secret;
};

const chunkIndex = (name: string) => Number(name.slice(SESSION_COOKIE.length + 1));

/** The decoded session JWT of this request's cookies, or null (no cookie, or one that does not decrypt or has expired). */
export const readSessionToken = async (): Promise<Record<string, unknown> | null> => {
  const jar = await cookies();
  // next-auth splits a JWT over 4 KB into <name>.0, <name>.1, …
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${SESSION_COOKIE}.`))
    .sort((a, b) => chunkIndex(a.name) - chunkIndex(b.name));
  const value = jar.get(SESSION_COOKIE)?.value ?? chunks.map((c) => c.value).join("");
  if (!value) return null;
  return decode({ token: value, secret: secret() }).catch(() => null);
};

/**
 * Replaces this browser's session cookie with a new session (after the user changed their password, the one
 * session that goes on). The JWT has the shape next-auth's jwt callback gives one at sign-in.
 */
export const setSessionCookie = async (principal: Principal, claims: SessionClaims): Promise<void> => {
  const token = { name: principal.name, email: principal.email, sub: principal.userId, role: principal.role, sid: claims.sid, signedInAt: claims.signedInAt, expiresAt: claims.expiresAt };
  const value = await encode({ token, secret: secret(), maxAge: SESSION_MAX_AGE_SECONDS });
  const jar = await cookies();
  // A JWT this small is never chunked (next-auth splits above 4 KB); drop any chunks a larger one left.
  for (const { name } of jar.getAll()) if (name.startsWith(`${SESSION_COOKIE}.`)) jar.delete(name);
  jar.set(SESSION_COOKIE, value, { httpOnly: true, sameSite: "lax", path: "/", secure: isHttpsSite, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
};
