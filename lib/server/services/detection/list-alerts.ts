import { AppError } from "../../../shared/errors";
import { ALERT_SORTS, type TAlertListDto, type TAlertListQuery, type TAlertSort } from "../../../shared/schemas/alerts";
import { listAlerts as selectAlerts, type AlertFilters, type AlertKeyset } from "../../repositories/alert-repository";
import { createVersionedCache } from "../versioned-cache";
import { toAlertDto } from "./alert-dto";

const SEVERITIES = new Set(["low", "medium", "high"]);
const UUID = /^[0-9a-f-]{36}$/;

const invalid = (reason: string): never => {
  throw new AppError("validation_failed", `Invalid query: cursor: ${reason}`, [{ name: "cursor", reason }]);
};

// The cursor names its sort: [sort, time, id] or, for severity, [sort, time, severity, id].
const encodeCursor = (sort: TAlertSort, k: AlertKeyset): string =>
  Buffer.from(JSON.stringify(sort === "severity" ? [sort, k.at.toISOString(), k.severity, k.id] : [sort, k.at.toISOString(), k.id])).toString("base64url");

const decodeCursor = (text: string, sort: TAlertSort): AlertKeyset => {
  let parts: unknown[] = [];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(parsed)) parts = parsed;
  } catch {
    // Not JSON: refused below.
  }
  // Cursors of the first release ([time, id]) were newest-first.
  const [cursorSort, at, ...rest] = typeof parts[0] === "string" && (ALERT_SORTS as readonly string[]).includes(parts[0]) ? parts : ["newest", ...parts];
  if (parts.length === 0 || typeof cursorSort !== "string") return invalid("cursor must be a value returned as nextCursor");
  if (cursorSort !== sort) return invalid(`this cursor belongs to sort=${cursorSort}, not sort=${sort}; start again without a cursor`);
  const severity = sort === "severity" ? rest.shift() : undefined;
  const [id] = rest;
  const time = new Date(String(at));
  if (typeof id !== "string" || !UUID.test(id) || Number.isNaN(time.getTime()) || (sort === "severity" && !SEVERITIES.has(String(severity)))) {
    return invalid("cursor must be a value returned as nextCursor");
  }
  return { at: time, id, ...(sort === "severity" ? { severity: severity as AlertKeyset["severity"] } : {}) };
};

// Counts per status of each filter set (status aside) with the alerts' version (change_counters): paging and
// switching tabs skip a pass over every alert while alerts are unchanged (bench:load, docs/benchmarks.md).
const knownCounts = createVersionedCache<TAlertListDto["counts"]>(500);

const assigneeOf = (assignee: string | undefined, actorId: string | undefined): string | null | undefined => {
  if (assignee === undefined) return undefined;
  if (assignee === "unassigned") return null;
  if (assignee !== "me") return assignee;
  if (!actorId) throw new AppError("validation_failed", 'Invalid query: assignee: "me" needs a signed-in user', [{ name: "assignee", reason: '"me" needs a signed-in user' }]);
  return actorId;
};

/**
 * One page of alerts with the filters and sort of GET /api/v1/alerts, and how many alerts each status has
 * under the other filters. `actorId` is whom assignee=me means.
 */
export const listAlerts = async (query: Partial<TAlertListQuery> & { limit: number }, options: Readonly<{ actorId?: string }> = {}): Promise<TAlertListDto> => {
  const sort = query.sort ?? "newest";
  const filters: AlertFilters = {
    statuses: query.status,
    severities: query.severity,
    policyKey: query.policyKey,
    user: query.user,
    connectorId: query.connectorId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    assigneeId: assigneeOf(query.assignee, options.actorId),
  };
  const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
  const countsKey = JSON.stringify({ ...filters, statuses: undefined });
  const known = knownCounts.get(countsKey);
  const result = await selectAlerts({ filters, sort, after, limit: query.limit, countsVersion: known?.version });
  const counts = result.counts ?? known?.value;
  if (!counts) throw new Error("the alert list returned no counts");
  if (result.counts) knownCounts.set(countsKey, result.version, result.counts);
  return { data: result.rows.map(toAlertDto), nextCursor: result.next ? encodeCursor(sort, result.next) : null, counts };
};
