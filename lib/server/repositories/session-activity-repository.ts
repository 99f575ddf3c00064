// Session activities (source session_proxy) as the session-policy preview reads them: the request facts the proxy
// stored, newest first, in keyset pages.
import type { TActivityCursor } from "../../shared/schemas/activities";
import { getSql, type Sql } from "../db";
import { activityFields, buildActivityPageQuery, type ActivityTables } from "./activity-query-repository";
import type { SelectQueryBuilder } from "kysely";

export type TStoredSessionRequest = Readonly<{
  seq: string;
  id: string;
  time: string;
  connectorId: string;
  action: string;
  actionName: string | null;
  product: string;
  siteName: string | null;
  actorId: string;
  actorName: string | null;
  actorEmail: string | null;
  isSystem: boolean;
  targetName: string | null;
  ip: string | null;
  ipCategory: string | null;
  ipTags: string[];
  countryCode: string | null;
  /** What the proxy stored about the request: device, userAgent, status, bytesSent, outcome, … */
  raw: unknown;
  /** blocked / audited when a policy matched it live (the preview ignores it, except to read the size). */
  sessionOutcome: string | null;
}>;

const columns = (qb: SelectQueryBuilder<ActivityTables, "a", object>) =>
  qb.select((eb) => {
    const f = activityFields(eb);
    return [
      eb.ref("a.seq").as("seq"),
      f.id.as("id"),
      f.time.as("time"),
      f.connectorId.as("connectorId"),
      f.action.as("action"),
      f.actionName.as("actionName"),
      f.product.as("product"),
      f.siteName.as("siteName"),
      f.actorId.as("actorId"),
      f.actorName.as("actorName"),
      f.actorEmail.as("actorEmail"),
      f.isSystem.as("isSystem"),
      f.targetName.as("targetName"),
      f.ip.as("ip"),
      f.ipCategory.as("ipCategory"),
      f.ipTags.as("ipTags"),
      f.countryCode.as("countryCode"),
      eb.ref("a.raw").as("raw"),
      eb.ref("a.session_outcome").as("sessionOutcome"),
    ];
  });

/**
 * Up to `limit` session requests of these actions in [from, to) after the cursor, newest first. By action: the
 * activity log's (action, event_time, seq) index serves each action's branch, so audit-log rows are never read.
 */
export const scanSessionRequests = async (
  options: Readonly<{ from: Date; to: Date; actions: readonly string[]; after: TActivityCursor | null; limit: number }>,
  sqlDb: Sql = getSql(),
): Promise<TStoredSessionRequest[]> => {
  const { from, to, actions, after, limit } = options;
  const query = buildActivityPageQuery({ from, to, actions, source: "session_proxy" }, after, limit, { columns }, sqlDb);
  return (await query.execute()) as TStoredSessionRequest[];
};
