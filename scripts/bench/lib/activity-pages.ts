// The activity log's first and next page per typical filter, timed through the API handler's own code
// (ZActivityListQuery → listActivities): shared by bench:activity-log and bench:scale. Import it once DATABASE_URL
// points at the bench database (services read the environment at import).
import { percentile } from "../bench-setup";

const DAY_MS = 86_400_000;

export type TPageTimes = Readonly<{ firstP95Ms: number; nextP95Ms: number; firstMaxMs: number; nextMaxMs: number }>;
export type TSlowestPage = Readonly<{ ms: number; combo: string; params: Record<string, string>; page: "first" | "next"; cursor: string | null }>;

export const timeActivityPages = async (
  options: Readonly<{ users: readonly { email: string }[]; days: number; now: Date; samples: number; log: (line: string) => void }>,
): Promise<{ results: Record<string, TPageTimes>; slowest: TSlowestPage }> => {
  const { ZActivityListQuery } = await import("../../../lib/shared/schemas/activities");
  const { listActivities } = await import("../../../lib/server/services/activities/list-activities");
  // Deterministic variety per sample: a different user, window, country or word each time.
  let state = 12345;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const window = (days: number) => {
    const end = options.now.getTime() - Math.floor(random() * (options.days - days)) * DAY_MS;
    return { from: new Date(end - days * DAY_MS).toISOString(), to: new Date(end).toISOString() };
  };
  const words = ["margaret hamilton", "berlin", "lovelace", "api token", "hopper 1", "bengaluru", "group", "dijkstra"];
  const actions = ["user_login_failed", "user_login", "user_added_to_group", "product_access_granted", "user_api_token_created"];
  const combos: Record<string, () => Record<string, string>> = {
    none: () => ({}),
    user: () => ({ user: pick(options.users).email }),
    action: () => ({ action: pick(actions) }),
    timeRange: () => window(1),
    country: () => ({ country: pick(["Germany", "FR", "India", "Brazil", "jp", "United Kingdom", "Poland", "Kenya"]) }),
    userAndTimeRange: () => ({ user: pick(options.users).email, ...window(7) }),
    freeText: () => ({ q: pick(words) }),
  };

  const results: Record<string, TPageTimes> = {};
  let slowest: TSlowestPage = { ms: 0, combo: "", params: {}, page: "first", cursor: null };
  for (const [name, make] of Object.entries(combos)) {
    const first: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < options.samples + 3; i++) {
      const params = make();
      let started = performance.now();
      const page = await listActivities({ query: ZActivityListQuery.parse(params) });
      const firstMs = performance.now() - started;
      let nextMs = 0;
      if (page.nextCursor) {
        started = performance.now();
        await listActivities({ query: ZActivityListQuery.parse({ ...params, cursor: page.nextCursor }) });
        nextMs = performance.now() - started;
      }
      if (i < 3) continue; // warm-up
      first.push(firstMs);
      next.push(nextMs);
      if (firstMs > slowest.ms) slowest = { ms: firstMs, combo: name, params, page: "first", cursor: null };
      if (nextMs > slowest.ms) slowest = { ms: nextMs, combo: name, params, page: "next", cursor: page.nextCursor };
    }
    const round = (v: number) => Number(v.toFixed(1));
    results[name] = { firstP95Ms: round(percentile(first, 95)), nextP95Ms: round(percentile(next, 95)), firstMaxMs: round(Math.max(...first)), nextMaxMs: round(Math.max(...next)) };
    options.log(`${name}: ${JSON.stringify(results[name])}`);
  }
  return { results, slowest };
};
