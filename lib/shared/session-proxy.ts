/** Where users reach a protected site through the session proxy (docs/session-proxy.md, "Names"). */
export const proxiedOriginOf = (siteHost: string, proxy: Readonly<{ domain: string; port: number }>): string =>
  `https://${siteHost}.${proxy.domain}${proxy.port === 443 ? "" : `:${proxy.port}`}`;
