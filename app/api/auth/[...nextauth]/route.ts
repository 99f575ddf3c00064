// GET|POST /api/auth/* – next-auth (sign-in, sign-out, session, csrf); sign-in is throttled with HTTP 429.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth/auth-options";
import { refuseThrottledSignIn } from "@/lib/server/auth/refuse-throttled-sign-in";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

export const GET = (req: Request, context: Context) => handler(req, context);

export const POST = async (req: Request, context: Context) => {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const refusal = await refuseThrottledSignIn(req);
    if (refusal) return refusal;
  }
  return handler(req, context);
};
