/** One year, subdomains included: sent only on responses served over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/**
 * Whether a response goes out over https: the site's own URL (WATCHPOST_URL) is https, or a trusted
 * reverse proxy (WATCHPOST_TRUST_PROXY=1) says the client used https. Without a trusted proxy the
 * client-supplied X-Forwarded-Proto is ignored.
 */
export const isServedOverHttps = (options: Readonly<{ siteUrl?: string; trustProxy: boolean; forwardedProto?: string | string[] }>): boolean => {
  if (options.siteUrl?.startsWith("https://")) return true;
  if (!options.trustProxy) return false;
  const raw = Array.isArray(options.forwardedProto) ? options.forwardedProto[0] : options.forwardedProto;
  // Proxies in a chain append: the first value is what the client spoke to the outermost one.
  return raw?.split(",")[0]?.trim().toLowerCase() === "https";
};
