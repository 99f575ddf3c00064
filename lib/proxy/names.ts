// Proxied hosts, upstreams and the authorities each side calls itself (docs/session-proxy.md, "Names").

export const MEDIA_HOST = "api.media.atlassian.com";
const SITE_HOST = /^[a-z0-9][a-z0-9-]{0,62}\.atlassian\.net$/;
const REAL_API_HOSTS = new Set(["api.atlassian.com"]);

export type TProxyTarget = Readonly<{ kind: "site"; siteHost: string } | { kind: "media" }>;

/** Where one site's requests go, and what its pages call the site and the media host. */
export type TUpstream = Readonly<{
  protocol: "http:" | "https:";
  /** Where to connect (a simulator's base URL host, or the site itself). */
  connectHost: string;
  connectPort: number;
  /** The Host header and the authority in the upstream's own URLs. */
  siteAuthority: string;
  mediaAuthority: string;
}>;

/** Proxy side: the authorities the browser sees. */
export type TProxied = Readonly<{ siteAuthority: string; mediaAuthority: string }>;

/** `host[:port]` → lower-case host without port, or null when it is not a plausible host name. */
export const hostWithoutPort = (hostHeader: string | undefined): string | null => {
  if (!hostHeader) return null;
  const match = /^([a-z0-9.-]{1,253})(?::(\d{1,5}))?$/i.exec(hostHeader.trim());
  return match?.[1] ? match[1].toLowerCase().replace(/\.$/, "") : null;
};

/** Which proxied thing a Host header names under the proxy domain; null for anything else. */
export const parseProxiedHost = (hostHeader: string | undefined, domain: string): TProxyTarget | null => {
  const host = hostWithoutPort(hostHeader);
  const suffix = `.${domain}`;
  if (!host?.endsWith(suffix)) return null;
  const inner = host.slice(0, -suffix.length);
  if (inner === MEDIA_HOST) return { kind: "media" };
  return SITE_HOST.test(inner) ? { kind: "site", siteHost: inner } : null;
};

/** The proxied authority of an upstream host: the port only when it is not 443. */
export const proxiedAuthority = (upstreamHost: string, domain: string, port: number): string =>
  `${upstreamHost}.${domain}${port === 443 ? "" : `:${port}`}`;

export const proxiedAuthorities = (siteHost: string, domain: string, port: number): TProxied => ({
  siteAuthority: proxiedAuthority(siteHost, domain, port),
  mediaAuthority: proxiedAuthority(MEDIA_HOST, domain, port),
});

/**
 * The upstream of a site from its connector's base URL: on Atlassian's API the site itself over HTTPS; on
 * anything else (a simulator) the base URL's host and port, with `Host: <site host>.localhost:<port>`.
 */
export const upstreamOf = (siteHost: string, baseUrl: string): TUpstream => {
  const base = new URL(baseUrl);
  if (REAL_API_HOSTS.has(base.hostname)) {
    return { protocol: "https:", connectHost: siteHost, connectPort: 443, siteAuthority: siteHost, mediaAuthority: MEDIA_HOST };
  }
  const protocol = base.protocol === "https:" ? "https:" : "http:";
  const port = base.port ? Number(base.port) : protocol === "https:" ? 443 : 80;
  return {
    protocol,
    connectHost: base.hostname.replace(/^\[|\]$/g, ""),
    connectPort: port,
    siteAuthority: `${siteHost}.localhost:${port}`,
    mediaAuthority: `${MEDIA_HOST}.localhost:${port}`,
  };
};
