import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../../env";
import { AppError } from "../../shared/errors";
import { isRole } from "../../shared/roles";
import { safeCallbackPath } from "../../shared/safe-callback";
import { signInErrorCode } from "../../shared/sign-in-errors";
import { clientIpFromRecord } from "../http/client-ip";
import { logger } from "../logger";
import { recordSignOut } from "../services/auth/record-sign-out";
import { resolveSessionUser } from "../services/auth/resolve-session-user";
import { newSessionClaims, parseSessionClaims, sessionMaxMs } from "../services/auth/session-claims";
import { signIn } from "../services/auth/sign-in";
import { takePendingSignIn } from "./pending-sign-in";

/** The session cookie's lifetime: the absolute session lifetime (WATCHPOST_SESSION_MAX_HOURS); the server enforces it from the JWT's claims. */
export const SESSION_MAX_AGE_SECONDS = Math.ceil(sessionMaxMs() / 1000);

const env = getEnv();
// next-auth decides Secure cookies from NEXTAUTH_URL, which only `npm start` sets: decide from WATCHPOST_URL too,
// so `npm run web` behind https sets them as well.
export const isHttpsSite = [env.WATCHPOST_URL, env.NEXTAUTH_URL].some((url) => url?.startsWith("https://"));

/** Thrown by the jwt callback for a session that has ended: next-auth then answers `{}` and clears the cookie. */
class SessionEndedError extends Error {
  override name = "SessionEndedError";
}

/**
 * next-auth v4: Credentials provider, JWT sessions. The JWT carries a session id and its sign-in time
 * (services/auth/session-claims.ts); who it belongs to, and whether it still stands, is re-read from the
 * database per request (current-principal.ts) and on every refresh of /api/auth/session.
 */
export const authOptions: NextAuthOptions = {
  secret: env.WATCHPOST_SECRET,
  useSecureCookies: isHttpsSite,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const principal = await signIn({
            email: credentials?.email,
            password: credentials?.password,
            ip: clientIpFromRecord(req.headers),
            reservation: takePendingSignIn(),
          });
          return { id: principal.userId, email: principal.email, name: principal.name, role: principal.role };
        } catch (error) {
          // next-auth passes an Error's message to the sign-in page as ?error=: a code, which the page maps to its text.
          if (error instanceof AppError) throw new Error(signInErrorCode(error.message));
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // Only this site's own paths: next-auth's default passes "/\evil.example", which browsers read as another host.
    redirect({ url, baseUrl }) {
      return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
    },
    async jwt({ token, user }) {
      if (user) {
        // Sign-in: a new session id, and the time its absolute lifetime counts from.
        if ("role" in user && isRole(user.role)) token.role = user.role;
        const { sid, signedInAt, expiresAt } = newSessionClaims(user.id, new Date());
        return { ...token, sid, signedInAt, expiresAt };
      }
      // A refresh (GET /api/auth/session) re-issues the JWT with the same claims, so it cannot extend the
      // session; an ended one (lifetime over, signed out, ended by an admin or a password change) is not renewed.
      const claims = parseSessionClaims(token);
      if (!claims || !(await resolveSessionUser({ claims, ip: null }))) throw new SessionEndedError("the session has ended");
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub, role: token.role } };
    },
  },
  events: {
    async signOut({ token }) {
      if (token) await recordSignOut({ token });
    },
  },
  logger: {
    error(code, metadata) {
      if (metadata instanceof SessionEndedError) return logger.debug({ code }, "next-auth: an ended session was not renewed");
      logger.error({ code, err: metadata }, "next-auth error");
    },
    warn(code) {
      logger.warn({ code }, "next-auth warning");
    },
    debug() {},
  },
};
