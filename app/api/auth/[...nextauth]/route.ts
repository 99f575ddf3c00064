// GET|POST /api/auth/* – next-auth (sign-in, sign-out, session, csrf); POST bodies are capped at 16 KB, sign-in is throttled with HTTP 429.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth/auth-options";
import { guardAuthPost } from "@/lib/server/auth/guard-auth-post";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

export const GET = (req: Request, context: Context) => handler(req, context);

export const POST = async (req: Request, context: Context) => {
  const { nextauth } = await context.params;
  return guardAuthPost(req, nextauth.join("/"), (bounded) => handler(bounded, context));
};
