const rss = () => Math.round(process.memoryUsage().rss / 1048576);
const out: Record<string, number> = { start: rss() };
await import("./../lib/server/logger"); out.logger = rss();
await import("pg"); out.pg = rss();
await import("./../lib/server/db"); out.db = rss();
const { loadEnrichmentContext } = await import("./../lib/server/services/ip-ranges/load-enrichment-context"); out.enrichModule = rss();
await import("./../lib/proxy/start-proxy"); out.proxyModules = rss();
console.log(JSON.stringify(out), typeof loadEnrichmentContext);
