import { AppError } from "../../../shared/errors";
import { ALERT_STATUSES } from "../../../shared/schemas/alerts";
import { INCIDENT_SORTS, type TIncidentListDto, type TIncidentListQuery, type TIncidentSort } from "../../../shared/schemas/incidents";
import { listIncidents as selectIncidents, type IncidentKeyset } from "../../repositories/incident-repository";
import { toIncidentDto } from "./incident-dto";

const SEVERITIES = new Set(["low", "medium", "high"]);
const UUID = /^[0-9a-f-]{36}$/;

const invalid = (reason: string): never => {
  throw new AppError("validation_failed", `Invalid query: cursor: ${reason}`, [{ name: "cursor", reason }]);
};

// The cursor names its sort: [sort, time, id] or, for priority, [sort, time, id, severity, policy count].
const encodeCursor = (sort: TIncidentSort, k: IncidentKeyset): string =>
  Buffer.from(JSON.stringify(sort === "priority" ? [sort, k.at.toISOString(), k.id, k.severity, k.policyCount] : [sort, k.at.toISOString(), k.id])).toString("base64url");

const decodeCursor = (text: string, sort: TIncidentSort): IncidentKeyset => {
  let parts: unknown[] = [];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(parsed)) parts = parsed;
  } catch {
    // Not JSON: refused below.
  }
  const [cursorSort, at, id, severity, policyCount] = parts;
  if (typeof cursorSort !== "string" || !(INCIDENT_SORTS as readonly string[]).includes(cursorSort)) return invalid("cursor must be a value returned as nextCursor");
  if (cursorSort !== sort) return invalid(`this cursor belongs to sort=${cursorSort}, not sort=${sort}; start again without a cursor`);
  const time = new Date(String(at));
  if (typeof id !== "string" || !UUID.test(id) || Number.isNaN(time.getTime())) return invalid("cursor must be a value returned as nextCursor");
  if (sort !== "priority") return { at: time, id };
  if (!SEVERITIES.has(String(severity)) || !Number.isInteger(policyCount)) return invalid("cursor must be a value returned as nextCursor");
  return { at: time, id, severity: severity as IncidentKeyset["severity"], policyCount: Number(policyCount) };
};

const assigneeOf = (assignee: string | undefined, actorId: string | undefined): string | null | undefined => {
  if (assignee === undefined) return undefined;
  if (assignee === "unassigned") return null;
  if (assignee !== "me") return assignee;
  if (!actorId) throw new AppError("validation_failed", 'Invalid query: assignee: "me" needs a signed-in user', [{ name: "assignee", reason: '"me" needs a signed-in user' }]);
  return actorId;
};

const NO_COUNTS = Object.fromEntries(ALERT_STATUSES.map((s) => [s, 0])) as TIncidentListDto["counts"];

/** One page of incidents with the filters and sort of GET /api/v1/incidents, and how many each status has under the other filters. */
export const listIncidents = async (query: Partial<TIncidentListQuery> & { limit: number }, options: Readonly<{ actorId?: string }> = {}): Promise<TIncidentListDto> => {
  const sort = query.sort ?? "priority";
  const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
  const result = await selectIncidents({
    filters: {
      statuses: query.status,
      severities: query.severity,
      policyKey: query.policyKey,
      user: query.user,
      connectorId: query.connectorId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      assigneeId: assigneeOf(query.assignee, options.actorId),
    },
    sort,
    after,
    limit: query.limit,
  });
  return { data: result.rows.map(toIncidentDto), nextCursor: result.next ? encodeCursor(sort, result.next) : null, counts: { ...NO_COUNTS, ...result.counts } };
};
