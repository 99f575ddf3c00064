import { ANONYMOUS_TAGS, SUSPICIOUS_TAGS } from "../../../detection/detectors/context";
import { PRIORITY_WINDOW_MS, RARITY_WINDOW_MS, TREND_DAYS } from "../../../detection/priority/formula";
import { scorePriority, type TPriorityActivity, type TPriorityAlert } from "../../../detection/priority/score";
import { DAY_MS } from "../../../detection/profile-state";
import {
  countAlertsByPolicy,
  listNewCountries,
  listPriorityAlerts,
  listUnusualActivities,
  savePriorities,
  type TPriorityDb,
  type TUnusualActivityRow,
} from "../../repositories/user-priority-repository";

const CHUNK = 500;

/** What an enriched activity says about its IP or sign-in; null for custom range tags alone. */
const kindOf = (a: TUnusualActivityRow): { kind: TPriorityActivity["kind"]; tags: string[] } | null => {
  if (a.action === "user_login_failed") return { kind: "failed_sign_in", tags: [] };
  const anonymous = a.ipTags.filter((t) => ANONYMOUS_TAGS.includes(t));
  if (anonymous.length > 0) return { kind: "anonymous_ip", tags: anonymous };
  const suspicious = a.ipTags.filter((t) => SUSPICIOUS_TAGS.includes(t));
  if (suspicious.length > 0 || a.ipCategory === "risky") return { kind: "suspicious_ip", tags: suspicious.length > 0 ? suspicious : ["risky range"] };
  return null;
};

const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
};

/**
 * Recomputes and stores the investigation priority of these accounts of one connector at `now`
 * (lib/detection/priority). Idempotent: the same data and time give the same rows.
 */
export const computeUserPriorities = async (options: Readonly<{ connectorId: string; accountIds: readonly string[]; now: Date; db?: TPriorityDb }>): Promise<number> => {
  const { connectorId, now, db } = options;
  const ids = [...new Set(options.accountIds)];
  if (ids.length === 0) return 0;
  // The trend's oldest day looks 7 days further back.
  const since = new Date(now.getTime() - PRIORITY_WINDOW_MS - (TREND_DAYS - 1) * DAY_MS);
  const policyAlerts30d = await countAlertsByPolicy(connectorId, new Date(now.getTime() - RARITY_WINDOW_MS), now, db);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [alertRows, activityRows, countryRows] = await Promise.all([
      listPriorityAlerts(connectorId, chunk, since, now, db),
      listUnusualActivities(connectorId, chunk, since, now, db),
      listNewCountries(connectorId, chunk, since, now, db),
    ]);
    const alerts = new Map<string, TPriorityAlert[]>();
    for (const { accountId, ...a } of alertRows) push(alerts, accountId, a);
    const activities = new Map<string, TPriorityActivity[]>();
    for (const a of activityRows) {
      const kind = kindOf(a);
      if (kind) push(activities, a.accountId, { id: a.seq, at: a.at, ip: a.ip, countryCode: a.countryCode, ...kind });
    }
    for (const c of countryRows) push(activities, c.accountId, { id: c.seq, kind: "new_country", at: c.at, ip: c.ip, countryCode: c.countryCode, tags: [] });
    const rows = chunk.map((accountId) => ({ accountId, ...scorePriority({ alerts: alerts.get(accountId) ?? [], activities: activities.get(accountId) ?? [], policyAlerts30d, now }) }));
    await savePriorities(connectorId, rows, now, db);
  }
  return ids.length;
};
