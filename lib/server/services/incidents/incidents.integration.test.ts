import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZIncidentListQuery, ZIncidentPatchInput } from "../../../shared/schemas/incidents";
import { createAlertFixtures } from "../../../testing/alert-fixtures";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { upsertAlertsInTransaction, type TAlertWrite } from "../../repositories/alert-repository";
import { updateAlertForActor } from "../alerts/update-alert";
import { getAlertOrThrow } from "../detection/get-alert";
import { listAlerts } from "../detection/list-alerts";
import { addIncidentComment } from "./add-incident-comment";
import { backfillIncidents } from "./backfill-incidents";
import { bulkUpdateIncidents } from "./bulk-update-incidents";
import { getIncidentOrThrow } from "./get-incident";
import { saveIncidentSettings } from "./incident-settings";
import { listIncidents } from "./list-incidents";
import { updateIncidentForActor } from "./update-incident";

let fx: Awaited<ReturnType<typeof createAlertFixtures>>;
beforeAll(async () => {
  fx = await createAlertFixtures();
});
afterAll(() => fx.close());
beforeEach(resetDatabase);

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const at = (h: number) => new Date(T0 + h * H);

const write = (o: Partial<TAlertWrite> & { key: string; h: number; hours?: number; account?: string | null }): TAlertWrite => ({
  policyId: null,
  policyKey: o.policyKey ?? "impossible_travel",
  policyName: o.policyName ?? o.policyKey ?? "Impossible travel",
  severity: o.severity ?? "medium",
  connectorId: "",
  user: { accountId: o.account === undefined ? "acc-ada" : o.account, email: "ada@acme.test", name: "Ada" },
  title: `Alert ${o.key}`,
  explanation: "x",
  details: {},
  episodeKey: o.key,
  activitySeqs: o.activitySeqs ?? [],
  firstActivityAt: at(o.h),
  lastActivityAt: at(o.h + (o.hours ?? 0)),
});

// Detection calls it in its transaction; alone, each statement commits on its own (enough for one writer at a time).
const upsert = (connectorId: string, alerts: TAlertWrite[]) => upsertAlertsInTransaction(connectorId, alerts);

const incidents = () =>
  fx.query<{ id: string; user_account_id: string; severity: string; alert_count: number; policy_count: number; first_activity_at: Date; last_activity_at: Date; joinable_until: Date; status: string }>(
    "SELECT * FROM incidents ORDER BY first_activity_at",
  );

const list = (query: Record<string, unknown>, actorId?: string) => listIncidents(ZIncidentListQuery.parse(query), { actorId });

describe("grouping", () => {
  it("slides the window while alerts join, starts a new incident after it, and keeps figures exact", async () => {
    const c = await fx.connector();
    await upsert(c, [write({ key: "e1", h: 0, hours: 1 })]);
    await upsert(c, [write({ key: "e2", h: 20, policyKey: "infrequent_country" })]);
    await upsert(c, [write({ key: "e3", h: 44 })]); // 44 ≤ 20 + 24: the window slid with e2
    await upsert(c, [write({ key: "e4", h: 69 })]); // 69 > 44 + 24: a new incident
    await upsert(c, [write({ key: "x1", h: 1, account: "acc-bob" }), write({ key: "n1", h: 1, account: null })]);
    const rows = await incidents();
    expect(rows.map((r) => [r.user_account_id, r.alert_count, r.policy_count, r.first_activity_at.toISOString(), r.last_activity_at.toISOString()])).toEqual([
      ["acc-ada", 3, 2, at(0).toISOString(), at(44).toISOString()],
      ["acc-bob", 1, 1, at(1).toISOString(), at(1).toISOString()],
      ["acc-ada", 1, 1, at(69).toISOString(), at(69).toISOString()],
    ]);
    expect(rows[0]?.joinable_until.toISOString()).toBe(at(68).toISOString());
    // The account-less alert has no incident.
    expect(await fx.query("SELECT episode_key FROM alerts WHERE incident_id IS NULL")).toEqual([{ episode_key: "n1" }]);

    // An existing alert's episode grows: the incident's last activity and window follow.
    await upsert(c, [write({ key: "e3", h: 44, hours: 3 })]);
    const [first] = await incidents();
    expect([first?.alert_count, first?.last_activity_at.toISOString(), first?.joinable_until.toISOString()]).toEqual([3, at(47).toISOString(), at(71).toISOString()]);

    const history = (await getIncidentOrThrow(first?.id ?? "")).history.map((e) => e.kind);
    expect(history).toEqual(["created", "alert_joined", "alert_joined"]);
  });

  it("severity: the highest alert's, one step higher with three distinct policies; high stays high", async () => {
    const c = await fx.connector();
    await upsert(c, [write({ key: "a", h: 0, severity: "low", policyKey: "p1" }), write({ key: "b", h: 1, severity: "low", policyKey: "p2" })]);
    expect((await incidents())[0]?.severity).toBe("low");
    await upsert(c, [write({ key: "c", h: 2, severity: "low", policyKey: "p3" })]);
    expect((await incidents())[0]).toMatchObject({ severity: "medium", policy_count: 3 });
    await upsert(c, [write({ key: "d", h: 3, severity: "medium", policyKey: "p3" })]);
    expect((await incidents())[0]).toMatchObject({ severity: "high", alert_count: 4, policy_count: 3 });
    await upsert(c, [write({ key: "e", h: 0, severity: "high", policyKey: "p1", account: "acc-bob" })]);
    expect((await incidents()).find((r) => r.user_account_id === "acc-bob")?.severity).toBe("high");
  });

  it("a new window applies to the next alerts", async () => {
    const c = await fx.connector();
    const { principal: admin } = await makeUser("admin");
    await saveIncidentSettings({ actor: admin, input: { windowHours: 2 } });
    await upsert(c, [write({ key: "a", h: 0 })]);
    await upsert(c, [write({ key: "b", h: 3 })]);
    expect(await incidents()).toHaveLength(2);
    expect(await fx.query("SELECT action FROM audit_events")).toEqual([{ action: "incident.settings_changed" }]);
    const { principal: ana } = await makeUser("analyst");
    await expect(saveIncidentSettings({ actor: ana, input: { windowHours: 5 } })).rejects.toMatchObject({ status: 403 });
  });

  it("backfills alerts raised before incidents existed, idempotently", async () => {
    const c = await fx.connector();
    for (const h of [0, 5, 50]) await fx.alert({ connectorId: c, createdAt: at(h) });
    await fx.alert({ connectorId: c, createdAt: at(1), userAccountId: null });
    const logger = { info: () => undefined } as unknown as Parameters<typeof backfillIncidents>[0];
    expect(await backfillIncidents(logger)).toBe(3);
    expect(await backfillIncidents(logger)).toBe(0);
    expect((await incidents()).map((r) => r.alert_count)).toEqual([2, 1]);
  });
});

describe("triage", () => {
  it("resolving an incident resolves its open alerts with the same classification; reopening an alert reopens it", async () => {
    const c = await fx.connector();
    const { principal: ana } = await makeUser("analyst", { name: "Ana" });
    await upsert(c, [write({ key: "a", h: 0 }), write({ key: "b", h: 1 }), write({ key: "c", h: 2 })]);
    const [incident] = await incidents();
    const id = incident?.id ?? "";
    const alertIds = (await getIncidentOrThrow(id)).alerts.map((a) => a.id);
    await updateAlertForActor({ actor: ana, id: alertIds[2] ?? "", input: { status: "dismissed", reason: "Noise" } });

    const patched = await updateIncidentForActor({
      actor: ana,
      id,
      input: ZIncidentPatchInput.parse({ status: "resolved", classification: "true_positive", reason: "Phished", assigneeId: ana.userId }),
    });
    expect(patched).toMatchObject({ status: "resolved", classification: "true_positive", resolutionReason: "Phished", assignee: { id: ana.userId }, openAlertCount: 0 });
    const alerts = await Promise.all(alertIds.map((a) => getAlertOrThrow(a)));
    expect(alerts.map((a) => [a.status, a.classification, a.assignee])).toEqual([
      ["resolved", "true_positive", null],
      ["resolved", "true_positive", null],
      ["dismissed", null, null],
    ]);
    expect(alerts[0]?.history.map((e) => [e.kind, e.actor?.id ?? null])).toEqual([
      ["created", null],
      ["status_changed", ana.userId],
      ["classified", ana.userId],
    ]);
    expect(alerts[0]?.incident).toEqual({ id, alertCount: 3, status: "resolved", severity: "medium" });
    expect(await fx.query("SELECT action, target_id FROM audit_events")).toEqual([{ action: "incident.updated", target_id: id }]);

    await updateAlertForActor({ actor: ana, id: alertIds[0] ?? "", input: { status: "open", reason: "Again" } });
    const reopened = await getIncidentOrThrow(id);
    expect(reopened).toMatchObject({ status: "open", classification: null, resolvedAt: null, openAlertCount: 1 });
    expect(reopened.history.map((e) => e.kind)).toEqual(["created", "alert_joined", "alert_joined", "status_changed", "classified", "assigned", "status_changed"]);
  });

  it("closes an incident with its last open alert: resolved with the most serious classification, or dismissed", async () => {
    const c = await fx.connector();
    const { principal: ana } = await makeUser("analyst", { name: "Ana" });
    await upsert(c, [write({ key: "a", h: 0 }), write({ key: "b", h: 1 }), write({ key: "c", h: 2 }), write({ key: "d", h: 100 })]);
    const [first, second] = await incidents();
    const [a, b, cc] = (await getIncidentOrThrow(first?.id ?? "")).alerts.map((x) => x.id);
    await updateAlertForActor({ actor: ana, id: a ?? "", input: { status: "resolved", classification: "false_positive", reason: "VPN" } });
    await updateAlertForActor({ actor: ana, id: b ?? "", input: { status: "dismissed", reason: "Dup" } });
    expect(await getIncidentOrThrow(first?.id ?? "")).toMatchObject({ status: "open", openAlertCount: 1 });
    await updateAlertForActor({ actor: ana, id: cc ?? "", input: { status: "resolved", classification: "true_positive", reason: "Phished" } });
    const closed = await getIncidentOrThrow(first?.id ?? "");
    expect(closed).toMatchObject({ status: "resolved", classification: "true_positive", resolutionReason: "Every alert of the incident was closed", openAlertCount: 0 });
    expect(closed.resolvedAt).not.toBeNull();
    expect(closed.history.at(-1)).toMatchObject({ kind: "status_changed", actor: { id: ana.userId } });

    const [d] = (await getIncidentOrThrow(second?.id ?? "")).alerts.map((x) => x.id);
    await updateAlertForActor({ actor: ana, id: d ?? "", input: { status: "dismissed", reason: "Noise" } });
    expect(await getIncidentOrThrow(second?.id ?? "")).toMatchObject({ status: "dismissed", classification: null });
    // Reopening one alert reopens its incident, as before.
    await updateAlertForActor({ actor: ana, id: a ?? "", input: { status: "open", reason: "Again" } });
    expect(await getIncidentOrThrow(first?.id ?? "")).toMatchObject({ status: "open", classification: null, resolvedAt: null });
  });

  it("refuses invalid transitions, viewers and unknown ids; bulk reports each failure", async () => {
    const c = await fx.connector();
    const { principal: ana } = await makeUser("analyst");
    const { principal: viewer } = await makeUser("viewer");
    await upsert(c, [write({ key: "a", h: 0 }), write({ key: "b", h: 0, account: "acc-bob" })]);
    const [one, two] = (await incidents()).map((r) => r.id);
    await expect(updateIncidentForActor({ actor: viewer, id: one ?? "", input: { status: "in_progress" } })).rejects.toMatchObject({ status: 403 });
    await expect(updateIncidentForActor({ actor: ana, id: randomUUID(), input: { status: "in_progress" } })).rejects.toMatchObject({ status: 404 });
    await updateIncidentForActor({ actor: ana, id: one ?? "", input: ZIncidentPatchInput.parse({ status: "dismissed", reason: "Noise" }) });
    await expect(updateIncidentForActor({ actor: ana, id: one ?? "", input: { status: "in_progress" } })).rejects.toMatchObject({
      status: 400,
      message: "Cannot move an incident from dismissed to in_progress; reopen it first",
    });
    const ghost = randomUUID();
    const result = await bulkUpdateIncidents({ actor: ana, input: { ids: [one ?? "", two ?? "", ghost], status: "in_progress" } });
    expect(result.updated).toBe(1);
    expect(result.failed.map((f) => f.id).sort()).toEqual([one, ghost].sort());
    expect(result.failed.find((f) => f.id === one)?.message).toBe("Cannot move an incident from dismissed to in_progress; reopen it first");
    expect(await addIncidentComment({ actor: ana, incidentId: two ?? "", body: "Looking" })).toMatchObject({ body: "Looking" });
    await expect(addIncidentComment({ actor: ana, incidentId: ghost, body: "x" })).rejects.toMatchObject({ status: 404 });
    expect((await getIncidentOrThrow(two ?? "")).comments).toHaveLength(1);
  });
});

describe("GET /api/v1/incidents", () => {
  it("filters, sorts by priority, pages with the cursor and counts per status", async () => {
    const c = await fx.connector();
    const accounts = Array.from({ length: 7 }, (_, n) => `acc-${n}`);
    for (const [n, account] of accounts.entries()) {
      await upsert(c, [write({ key: `k${n}`, h: n, account, severity: n % 3 === 0 ? "high" : "low", policyKey: n === 1 ? "suspicious_ip" : "impossible_travel" })]);
    }
    const { principal: ana } = await makeUser("analyst");
    const first = await list({ limit: 3 });
    expect(first.counts).toEqual({ open: 7, in_progress: 0, resolved: 0, dismissed: 0 });
    expect(first.data.map((i) => i.severity)).toEqual(["high", "high", "high"]);
    const seen = [...first.data.map((i) => i.id)];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await list({ limit: 3, cursor });
      seen.push(...page.data.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(7);

    expect((await list({ policyKey: "suspicious_ip" })).data.map((i) => i.user.accountId)).toEqual(["acc-1"]);
    expect((await list({ user: "ACC-2" })).data).toHaveLength(0);
    expect((await list({ user: "acc-2" })).data).toHaveLength(1);
    expect((await list({ severity: "high", sort: "oldest" })).data.map((i) => i.user.accountId)).toEqual(["acc-0", "acc-3", "acc-6"]);
    expect((await list({ from: at(5).toISOString() })).data).toHaveLength(2);
    await updateIncidentForActor({ actor: ana, id: seen[0] ?? "", input: { assigneeId: ana.userId } });
    expect((await list({ assignee: "me" }, ana.userId)).data.map((i) => i.id)).toEqual([seen[0]]);
    expect((await list({ status: "in_progress" })).counts.open).toBe(7);
    await expect(list({ cursor: first.nextCursor, sort: "newest" })).rejects.toMatchObject({ status: 400 });
    expect(ZIncidentListQuery.safeParse({ sort: "worst" }).success).toBe(false);

    // The alert list carries each alert's incident.
    const alerts = await listAlerts({ limit: 10, user: "acc-1" });
    expect(alerts.data[0]?.incident).toMatchObject({ alertCount: 1, status: "open", severity: "low" });
  });
});
