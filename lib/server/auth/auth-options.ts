import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../../env";
import { AppError } from "../../shared/errors";
import { isRole } from "../../shared/roles";
import { clientIpFromRecord } from "../http/client-ip";
import { recordSignOut } from "../services/auth/record-sign-out";
import { signIn } from "../services/auth/sign-in";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** next-auth v4: Credentials provider, JWT sessions. The role in the token is re-read from the database per request. */
export const authOptions: NextAuthOptions = {
  secret: getEnv().WATCHPOST_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const principal = await signIn({ email: credentials?.email, password: credentials?.password, ip: clientIpFromRecord(req.headers) });
          return { id: principal.userId, email: principal.email, name: principal.name, role: principal.role };
        } catch (error) {
          // next-auth passes an Error's message to the sign-in page as ?error=
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
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
