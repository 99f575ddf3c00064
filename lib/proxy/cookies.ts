// Cookies on both sides of the proxy: its own session cookie, the upstream's cookies and their Domain attributes.
import { MEDIA_HOST } from "./names";

const PROXY_COOKIE_PREFIX = "watchpost_proxy_";

/**
 * The proxy's session cookie of a site. One name per site, with Domain=<proxy domain>, so that the media host
 * (shared by every site) receives each site's cookie and a request there can be tied to its session.
 */
export const proxyCookieName = (siteHost: string): string => `${PROXY_COOKIE_PREFIX}${siteHost.replace(/\.atlassian\.net$/, "")}`;

export const isProxyCookieName = (name: string): boolean => name.startsWith(PROXY_COOKIE_PREFIX);

/** The site hosts whose proxy cookie a request carries (the media host receives all of them). */
export const siteHostsWithProxyCookie = (cookies: readonly TCookie[]): string[] =>
  cookies.filter((c) => isProxyCookieName(c.name)).map((c) => `${c.name.slice(PROXY_COOKIE_PREFIX.length)}.atlassian.net`);

export type TCookie = Readonly<{ name: string; value: string }>;

/** A Cookie header as name/value pairs; anything unparseable is skipped, never thrown on. */
export const parseCookieHeader = (header: string | undefined): TCookie[] =>
  (header ?? "")
    .split(";")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq > 0 ? { name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() } : null;
    })
    .filter((c): c is TCookie => c !== null && c.name.length > 0);

/** The Cookie header to send upstream: the proxy's own cookies removed; undefined when nothing is left. */
export const upstreamCookieHeader = (cookies: readonly TCookie[]): string | undefined => {
  const kept = cookies.filter((c) => !isProxyCookieName(c.name));
  return kept.length ? kept.map((c) => `${c.name}=${c.value}`).join("; ") : undefined;
};

export const proxySessionCookie = (siteHost: string, sessionId: string, domain: string): string =>
  `${proxyCookieName(siteHost)}=${sessionId}; Domain=${domain}; Path=/; HttpOnly; Secure; SameSite=Lax`;

/**
 * Rewrites a Set-Cookie's Domain to the proxied form: `acme.atlassian.net` (or a simulator's
 * `acme.atlassian.net.localhost`) and its Atlassian parents become `….<proxy domain>`. A Domain naming anything
 * else is dropped, so the cookie stays on the proxied host that received it instead of being refused.
 */
export const rewriteSetCookie = (value: string, siteHost: string, domain: string): string => {
  const parts = value.split(";");
  const out = [parts[0] ?? ""];
  for (const part of parts.slice(1)) {
    const match = /^\s*domain\s*=\s*\.?([^;\s]*)\s*$/i.exec(part);
    if (!match) {
      out.push(part);
      continue;
    }
    const canonical = (match[1] ?? "").toLowerCase().replace(/\.localhost$/, "");
    const isOurs = (host: string) => host === canonical || host.endsWith(`.${canonical}`);
    const isAtlassian = /(^|\.)atlassian\.(net|com)$/.test(canonical);
    if (isAtlassian && (isOurs(siteHost) || isOurs(MEDIA_HOST))) out.push(` Domain=${canonical}.${domain}`);
  }
  return out.join(";");
};

/**
 * Set-Cookie headers that delete the cookies a browser sent (an ended session must sign in again): each name once
 * host-only and once for the proxied host's domain, since the browser does not say which one it holds.
 */
export const clearCookies = (cookies: readonly TCookie[], siteHost: string, proxiedHost: string, domain: string): string[] =>
  cookies.flatMap((c) => {
    if (!isProxyCookieName(c.name)) return [`${c.name}=; Path=/; Max-Age=0`, `${c.name}=; Domain=${proxiedHost}; Path=/; Max-Age=0`];
    // Other sites' sessions share the proxy domain: only this site's proxy cookie goes.
    return c.name === proxyCookieName(siteHost) ? [`${c.name}=; Domain=${domain}; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`] : [];
  });
