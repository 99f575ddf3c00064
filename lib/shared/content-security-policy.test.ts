import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "./content-security-policy.js";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it("allows scripts by nonce and 'strict-dynamic' only, with no inline or eval source, in production", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123==" });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-/);
  });

  it("without a nonce allows same-origin script files only", () => {
    expect(directive(contentSecurityPolicy(), "script-src")).toBe("script-src 'self'");
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(directive(contentSecurityPolicy({ nonce: "n", isDevelopment: true }), "script-src")).toBe("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(directive(contentSecurityPolicy({ isDevelopment: true }), "script-src")).toBe("script-src 'self' 'unsafe-eval'");
  });

  it("keeps the other directives whatever the scripts get", () => {
    for (const policy of [contentSecurityPolicy(), contentSecurityPolicy({ nonce: "n" })]) {
      for (const expected of ["default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]) {
        expect(policy.split("; ")).toContain(expected);
      }
    }
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, the form Next.js reads from the policy, and never repeats", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
