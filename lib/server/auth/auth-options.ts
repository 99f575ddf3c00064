import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../../env";
import { AppError } from "../../shared/errors";
import { isRole } from "../../shared/roles";
import { safeCallbackPath } from "../../shared/safe-callback";
import { signInErrorCode } from "../../shared/sign-in-errors";
import { clientIpFromRecord } from "../http/client-ip";
import { recordSignOut } from "../services/auth/record-sign-out";
import { signIn } from "../services/auth/sign-in";
import { takePendingSignIn } from "./pending-sign-in";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const env = getEnv();
// next-auth decides Secure cookies from NEXTAUTH_URL, which only `npm start` sets: decide from WATCHPOST_URL too,
// so `npm run web` behind https sets them as well.
const isHttpsSite = [env.WATCHPOST_URL, env.NEXTAUTH_URL].some((url) => url?.startsWith("https://"));

/** next-auth v4: Credentials provider, JWT sessions. The role in the token is re-read from the database per request. */
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
    jwt({ token, user }) {
      if (user && "role" in user && isRole(user.role)) token.role = user.role;
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub, role: token.role } };
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sub) await recordSignOut({ userId: token.sub, email: token.email ?? null });
    },
  },
};
