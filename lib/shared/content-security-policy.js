// The portal's Content-Security-Policy, in one place for next.config.js (static, every response) and proxy.ts
// (per-request nonce, HTML pages). Plain JS with JSDoc because next.config.js is loaded by Node without a
// TypeScript step; TypeScript importers get the types from the JSDoc (allowJs).

/** Request header that carries the page's nonce from proxy.ts to server components (app/layout.tsx). */
export const NONCE_HEADER = "x-nonce";

/**
 * The policy. With a nonce (HTML pages), scripts run only when they carry it, and scripts those load
 * ('strict-dynamic': Next's chunk loader); without one (API JSON, static files), only same-origin script files.
 * Neither allows inline scripts or eval in production. Styles keep 'unsafe-inline': React style attributes
 * (Recharts, Radix positioning) need it, and a nonce in style-src would disable it.
 * @param {{ nonce?: string, isDevelopment?: boolean }} [options]
 * @returns {string}
 */
export const contentSecurityPolicy = ({ nonce, isDevelopment = false } = {}) => {
  // `next dev` only: React uses eval for its debugging aids (Next.js CSP guide).
  const evalSource = isDevelopment ? " 'unsafe-eval'" : "";
  const scriptSrc = nonce ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${evalSource}` : `script-src 'self'${evalSource}`;
  return [
    "default-src 'self'",
    scriptSrc,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
};

/**
 * A fresh nonce: 16 random bytes (128 bits), base64. Web Crypto, so it runs wherever proxy.ts runs.
 * @returns {string}
 */
export const createNonce = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
