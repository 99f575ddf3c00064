// GET|POST /api/auth/* – next-auth (sign-in, sign-out, session, csrf, single sign-on); POST bodies are capped at 16 KB, sign-in is throttled with HTTP 429.
import NextAuth from "next-auth";
import { guardAuthPost } from "@/lib/server/auth/guard-auth-post";
import { runAuthRequest } from "@/lib/server/auth/sso-provider";

// Options per request: the single sign-on provider comes from the stored configuration (Settings → Single sign-on).
const handler = (req: Request, context: Context) => runAuthRequest(req, (options) => NextAuth(options)(req, context) as Promise<Response>);

type Context = { params: Promise<{ nextauth: string[] }> };

export const GET = (req: Request, context: Context) => handler(req, context);

export const POST = async (req: Request, context: Context) => {
  const { nextauth } = await context.params;
  return guardAuthPost(req, nextauth.join("/"), (bounded) => handler(bounded, context));
};
