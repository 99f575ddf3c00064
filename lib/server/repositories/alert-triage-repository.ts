import type { PoolClient } from "pg";
import { inPgTransaction } from "../db";

// Triage writes: every status, assignee or classification change and its history events commit together,
// decided on rows locked FOR UPDATE so that concurrent analysts always decide on the latest state.

type TStatus = "open" | "in_progress" | "resolved" | "dismissed";
type TClassification = "true_positive" | "benign_true_positive" | "false_positive";

export type TTriageActor = Readonly<{ id: string | null; email: string | null; name: string | null }>;

/** An alert's triage state as locked for a change. */
export type TTriageState = Readonly<{
  id: string;
  policyKey: string;
  status: TStatus;
  assignee: { id: string; name: string; email: string } | null;
  classification: TClassification | null;
  resolutionReason: string | null;
  resolvedAt: Date | null;
}>;

export type TTriageEventWrite = Readonly<{ kind: string; detail: Record<string, unknown> }>;

/** The state to write and the history events that explain it. */
export type TTriageChange = Readonly<{
  next: Readonly<{ status: TStatus; assigneeId: string | null; classification: TClassification | null; resolutionReason: string | null; resolvedAt: Date | null }>;
  events: readonly TTriageEventWrite[];
}>;

type RawState = {
  id: string;
  policy_key: string;
  status: TStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  classification: TClassification | null;
  resolution_reason: string | null;
  resolved_at: Date | null;
};

const toState = (r: RawState): TTriageState => ({
  id: r.id,
  policyKey: r.policy_key,
  status: r.status,
  assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? "", email: r.assignee_email ?? "" } : null,
  classification: r.classification,
  resolutionReason: r.resolution_reason,
  resolvedAt: r.resolved_at,
});

/** Runs `work` in one transaction on a pooled connection; rolls back when it throws. */
export const inTransaction = inPgTransaction;

/** Appends history events (one row each, actor null for the system) inside the caller's transaction. */
export const insertAlertEvents = async (client: PoolClient, actor: TTriageActor | null, events: readonly (TTriageEventWrite & { alertId: string })[]): Promise<void> => {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO alert_events (alert_id, at, actor_id, actor_email, actor_name, kind, detail)
     SELECT r.alert_id, clock_timestamp(), $2::uuid, $3, $4, r.kind, r.detail
     FROM jsonb_to_recordset($1::jsonb) AS r(n int, alert_id uuid, kind text, detail jsonb) ORDER BY r.n`,
    [JSON.stringify(events.map((e, n) => ({ n, alert_id: e.alertId, kind: e.kind, detail: e.detail }))), actor?.id ?? null, actor?.email ?? null, actor?.name ?? null],
  );
};

/** Appends history events in their own transaction (e.g. a governance action requested from an alert). */
export const appendAlertEvents = (actor: TTriageActor | null, events: readonly (TTriageEventWrite & { alertId: string })[]): Promise<void> =>
  inTransaction((client) => insertAlertEvents(client, actor, events));

/**
 * Locks the alerts (FOR UPDATE, in id order so concurrent bulk changes never deadlock), asks `decide` for
 * each one's change (null: nothing to change), then writes the changed rows and their history events in
 * the same transaction. A throwing `decide` rolls everything back. Returns the ids that exist.
 */
export const applyTriageChanges = (
  ids: readonly string[],
  actor: TTriageActor,
  decide: (state: TTriageState) => TTriageChange | null,
): Promise<string[]> =>
  inTransaction(async (client) => {
    const { rows } = await client.query<RawState>(
      `SELECT a.id::text, a.policy_key, a.status::text AS status, a.assignee_id::text, u.name AS assignee_name, u.email AS assignee_email,
         a.classification::text AS classification, a.resolution_reason, a.resolved_at
       FROM alerts a LEFT JOIN users u ON u.id = a.assignee_id
       WHERE a.id = ANY($1::uuid[]) ORDER BY a.id FOR UPDATE OF a`,
      [[...new Set(ids)]],
    );
    const changes = rows.flatMap((row) => {
      const change = decide(toState(row));
      return change ? [{ id: row.id, change }] : [];
    });
    if (changes.length > 0) {
      await client.query(
        `UPDATE alerts a SET status = r.status::"AlertStatus", assignee_id = r.assignee_id, classification = r.classification::"AlertClassification",
           resolution_reason = r.resolution_reason, resolved_at = r.resolved_at, updated_at = clock_timestamp()
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, status text, assignee_id uuid, classification text, resolution_reason text, resolved_at timestamptz)
         WHERE a.id = r.id`,
        [
          JSON.stringify(
            changes.map(({ id, change: { next } }) => ({
              id,
              status: next.status,
              assignee_id: next.assigneeId,
              classification: next.classification,
              resolution_reason: next.resolutionReason,
              resolved_at: next.resolvedAt?.toISOString() ?? null,
            })),
          ),
        ],
      );
      await insertAlertEvents(client, actor, changes.flatMap(({ id, change }) => change.events.map((e) => ({ ...e, alertId: id }))));
    }
    return rows.map((r) => r.id);
  });
