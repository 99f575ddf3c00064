import { sql } from "kysely";
import { getSql, type Sql } from "../db";
import { insertAlertEvents, type TTriageActor } from "./alert-triage-repository";

/** The distinct IP addresses of an alert's activities (text form), null ones left out. */
export const listAlertIps = async (alertId: string, db: Sql = getSql()): Promise<string[]> => {
  const rows = await db
    .selectFrom("alert_activities as l")
    .innerJoin("activities as act", "act.seq", "l.activity_seq")
    .select(sql<string>`host(${sql.ref("act.ip")})`.as("ip"))
    .distinct()
    .where("l.alert_id", "=", alertId)
    .where("act.ip", "is not", null)
    .orderBy(sql`1`)
    .execute();
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

/**
 * After an egress range is created: dismisses (benign true positive) every open alert of the policies whose
 * IPs all fall inside it, with a "reevaluated" history event each, and records "egress_marked" on the source
 * alert, all in one transaction. Returns the dismissed alert ids.
 *
 * Candidates: open or in-progress alerts of the given policies with at least one activity, whose activities all
 * have an IP inside the CIDRs (for impossible travel: both sides). Driven by the open alerts (a few index
 * lookups each), not by the range's activities: an organization's real egress range carries most of its
 * activity. Locked, so a concurrent PATCH waits, and rechecked after the wait (READ COMMITTED re-evaluates
 * the WHERE on the row's latest version).
 */
export const dismissAlertsInsideEgress = (actor: TTriageActor, options: TEgressReevaluation, db: Sql = getSql()): Promise<string[]> =>
  db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("alerts as a")
      .select(["a.id", "a.status"])
      .where("a.status", "in", ["open", "in_progress"])
      .where("a.policy_key", "=", sql<string>`ANY(${[...options.policyKeys]}::text[])`)
      .$if(options.connectorId !== undefined, (qb) => qb.where("a.connector_id", "=", options.connectorId ?? ""))
      .where(({ exists, not, selectFrom, or, eb }) =>
        eb.and([
          exists(selectFrom("alert_activities as l").select(sql<number>`1`.as("one")).whereRef("l.alert_id", "=", "a.id")),
          not(
            exists(
              selectFrom("alert_activities as l")
                .innerJoin("activities as act", "act.seq", "l.activity_seq")
                .select(sql<number>`1`.as("one"))
                .whereRef("l.alert_id", "=", "a.id")
                // inet containment (<<=) in any of the CIDRs: an operator the builder does not know.
                .where((w) => or([w("act.ip", "is", null), w.not(sql<boolean>`(${sql.ref("act.ip")} <<= ANY(${[...options.cidrs]}::cidr[]))`)])),
            ),
          ),
        ]),
      )
      .orderBy("a.id")
      .forUpdate(["a"])
      .execute();
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await trx
        .updateTable("alerts")
        .set({
          status: "dismissed",
          classification: "benign_true_positive",
          resolution_reason: options.reason,
          resolved_at: options.resolvedAt,
          updated_at: sql<Date>`clock_timestamp()`,
        })
        .where("id", "=", sql<string>`ANY(${ids}::uuid[])`)
        .execute();
    }
    const range = { id: options.range.id, name: options.range.name };
    await insertAlertEvents(
      actor,
      [
        { alertId: options.sourceAlertId, kind: "egress_marked", detail: { range: options.range, dismissed: ids.length } },
        ...rows.map((r) => ({
          alertId: r.id,
          kind: "reevaluated",
          detail: { from: r.status, to: "dismissed", classification: "benign_true_positive", reason: options.reason, range },
        })),
      ],
      trx,
    );
    return ids;
  });
