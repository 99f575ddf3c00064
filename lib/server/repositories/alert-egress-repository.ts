import { getPgPool } from "../db";
import { inTransaction, insertAlertEvents, type TTriageActor } from "./alert-triage-repository";

/** The distinct IP addresses of an alert's activities (text form), null ones left out. */
export const listAlertIps = async (alertId: string): Promise<string[]> => {
  const { rows } = await getPgPool().query<{ ip: string }>(
    `SELECT DISTINCT host(act.ip) AS ip FROM alert_activities l JOIN activities act ON act.seq = l.activity_seq
     WHERE l.alert_id = $1::uuid AND act.ip IS NOT NULL ORDER BY 1`,
    [alertId],
  );
  return rows.map((r) => r.ip);
};

export type TEgressReevaluation = Readonly<{
  sourceAlertId: string;
  /** Only this connector's alerts (an analyst's egress); undefined: every connector's (an admin's). */
  connectorId?: string;
  cidrs: readonly string[];
  policyKeys: readonly string[];
  reason: string;
  resolvedAt: Date;
  range: Readonly<{ id: string; name: string; category: string; cidrs: readonly string[]; expiresAt: string | null }>;
}>;

// Open or in-progress alerts of the given policies with at least one activity, whose activities all have
// an IP inside the CIDRs (for impossible travel: both sides). Driven by the open alerts (a few index
// lookups each), not by the range's activities: an organization's real egress range carries most of its
// activity. Locked, so a concurrent PATCH waits, and rechecked after the wait (READ COMMITTED re-evaluates
// the WHERE on the row's latest version).
const CANDIDATES_SQL = `
  SELECT a.id::text, a.status::text AS status FROM alerts a
  WHERE a.status IN ('open', 'in_progress') AND a.policy_key = ANY($2::text[])
    AND ($3::uuid IS NULL OR a.connector_id = $3::uuid)
    AND EXISTS (SELECT 1 FROM alert_activities l WHERE l.alert_id = a.id)
    AND NOT EXISTS (
      SELECT 1 FROM alert_activities l JOIN activities act ON act.seq = l.activity_seq
      WHERE l.alert_id = a.id AND (act.ip IS NULL OR NOT act.ip <<= ANY($1::cidr[])))
  ORDER BY a.id FOR UPDATE OF a`;

/**
 * After an egress range is created: dismisses (benign true positive) every open alert of the policies whose
 * IPs all fall inside it, with a "reevaluated" history event each, and records "egress_marked" on the source
 * alert, all in one transaction. Returns the dismissed alert ids.
 */
export const dismissAlertsInsideEgress = (actor: TTriageActor, options: TEgressReevaluation): Promise<string[]> =>
  inTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; status: string }>(CANDIDATES_SQL, [[...options.cidrs], [...options.policyKeys], options.connectorId ?? null]);
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await client.query(
        `UPDATE alerts SET status = 'dismissed', classification = 'benign_true_positive', resolution_reason = $2, resolved_at = $3,
           updated_at = clock_timestamp() WHERE id = ANY($1::uuid[])`,
        [ids, options.reason, options.resolvedAt],
      );
    }
    const range = { id: options.range.id, name: options.range.name };
    await insertAlertEvents(client, actor, [
      { alertId: options.sourceAlertId, kind: "egress_marked", detail: { range: options.range, dismissed: ids.length } },
      ...rows.map((r) => ({
        alertId: r.id,
        kind: "reevaluated",
        detail: { from: r.status, to: "dismissed", classification: "benign_true_positive", reason: options.reason, range },
      })),
    ]);
    return ids;
  });
