// Next.js proxy (middleware): a fresh CSP nonce for every HTML page. Next reads the nonce from the request's
// Content-Security-Policy header and puts it on its own scripts; app/layout.tsx reads x-nonce for ours.
// The response gets the same policy, replacing the static one next.config.js sets on every response.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce, NONCE_HEADER } from "@/lib/shared/content-security-policy";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, isDevelopment: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: API routes answer JSON (app/api/[...path] included) and _next/static, _next/image and the icon
  // are files, so they keep the static policy without a proxy hop (about 1 ms a request). Next's router prefetches
  // are RSC payloads, not HTML, and a page view sends one per visible link: skipped. (Next's CSP guide also skips
  // `Purpose: prefetch`, but that is a browser's link prefetch of a whole document, which needs its nonce.)
  matcher: [{ source: "/((?!api/|_next/static/|_next/image|icon\\.svg).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }],
};
