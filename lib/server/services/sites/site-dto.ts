import { getEnv } from "../../../env";
import { proxiedOriginOf } from "../../../shared/session-proxy";
import type { TSiteDto } from "../../../shared/schemas/sites";
import type { TSiteRecord } from "../../repositories/atlassian-site-repository";

/** The proxy as users reach it: the public port when a load balancer fronts it, else the one it listens on. */
const proxyAddress = () => {
  const env = getEnv();
  return { domain: env.WATCHPOST_PROXY_DOMAIN, port: env.WATCHPOST_PROXY_PUBLIC_PORT ?? env.WATCHPOST_PROXY_PORT };
};

export const toSiteDto = (site: TSiteRecord): TSiteDto => ({
  id: site.id,
  host: site.host,
  name: site.name,
  products: site.products,
  isProtected: site.isProtected,
  protectedAt: site.protectedAt?.toISOString() ?? null,
  firstSeenAt: site.firstSeenAt.toISOString(),
  lastSeenAt: site.lastSeenAt.toISOString(),
  proxiedUrl: site.isProtected ? proxiedOriginOf(site.host, proxyAddress()) : null,
});
