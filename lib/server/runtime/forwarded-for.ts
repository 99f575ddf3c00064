/**
 * The client's IP as the web front sees it. Each trusted proxy appends the address it received the request
 * from to X-Forwarded-For, so the value `trustedHops` from the right is the one the outermost trusted proxy
 * saw; whatever is further left came from the client and can be anything. With no trusted hop the socket's
 * peer is the client. A header shorter than the hops (a misconfigured count) gives its left-most value.
 */
export const clientIpBehindProxies = (
  options: Readonly<{ forwardedFor: string | string[] | undefined; socketAddress: string | undefined; trustedHops: number }>,
): string => {
  const socket = options.socketAddress || "unknown";
  if (options.trustedHops <= 0) return socket;
  const raw = Array.isArray(options.forwardedFor) ? options.forwardedFor.join(",") : (options.forwardedFor ?? "");
  const chain = raw
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (chain.length === 0) return socket;
  return chain[Math.max(0, chain.length - options.trustedHops)] ?? socket;
};
