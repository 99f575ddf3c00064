import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZAlertBulkInput, ZAlertPatchInput } from "../../../shared/schemas/alerts";
import { createAlertFixtures } from "../../../testing/alert-fixtures";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { upsertAlertsInTransaction } from "../../repositories/alert-repository";
import { updateUser } from "../../repositories/user-repository";
import { getAlertOrThrow } from "../detection/get-alert";
import { addAlertComment } from "./add-alert-comment";
import { bulkUpdateAlerts } from "./bulk-update-alerts";
import { listAssignees } from "./list-assignees";
import { updateAlertForActor } from "./update-alert";

let fx: Awaited<ReturnType<typeof createAlertFixtures>>;
beforeAll(async () => {
  fx = await createAlertFixtures();
});
afterAll(() => fx.close());
beforeEach(resetDatabase);

const patch = (actor: Parameters<typeof updateAlertForActor>[0]["actor"], id: string, input: Record<string, unknown>) =>
  updateAlertForActor({ actor, id, input: ZAlertPatchInput.parse(input) });

describe("PATCH /api/v1/alerts/{id}", () => {
  it("moves an alert through the workflow, refuses invalid transitions and records who did what", async () => {
    const { principal: ana } = await makeUser("analyst", { name: "Ana Lyst" });
    const id = await fx.alert({ connectorId: await fx.connector() });

    expect(await patch(ana, id, { status: "in_progress" })).toMatchObject({ status: "in_progress", resolvedAt: null });
    const resolved = await patch(ana, id, { status: "resolved", classification: "false_positive", reason: "Known VPN" });
    expect(resolved).toMatchObject({ status: "resolved", classification: "false_positive", resolutionReason: "Known VPN", resolvedAt: expect.any(String) });

    await expect(patch(ana, id, { status: "in_progress" })).rejects.toMatchObject({
      status: 400,
      message: "Cannot move an alert from resolved to in_progress; reopen it first",
    });
    await expect(patch(ana, id, { status: "dismissed", reason: "x" })).rejects.toMatchObject({ status: 400, message: /from resolved to dismissed; reopen it first/ });

    const reopened = await patch(ana, id, { status: "open", reason: "It happened again" });
    expect(reopened).toMatchObject({ status: "open", classification: null, resolutionReason: null, resolvedAt: null });
    await expect(patch(ana, id, { classification: "true_positive" })).rejects.toMatchObject({ status: 400, message: /Only resolved or dismissed alerts have a classification/ });

    const dismissed = await patch(ana, id, { status: "dismissed", reason: "Noise" });
    expect(dismissed).toMatchObject({ status: "dismissed", classification: null, resolutionReason: "Noise" });
    expect(await patch(ana, id, { classification: "benign_true_positive" })).toMatchObject({ classification: "benign_true_positive", resolutionReason: "Noise" });

    const history = (await getAlertOrThrow(id)).history;
    expect(history.map((e) => [e.kind, e.detail])).toEqual([
      ["status_changed", { from: "open", to: "in_progress" }],
      ["status_changed", { from: "in_progress", to: "resolved", reason: "Known VPN" }],
      ["classified", { classification: "false_positive", reason: "Known VPN" }],
      ["status_changed", { from: "resolved", to: "open", reason: "It happened again" }],
      ["status_changed", { from: "open", to: "dismissed", reason: "Noise" }],
      ["classified", { classification: "benign_true_positive", reason: "Noise" }],
    ]);
    expect(history.every((e) => e.actor?.id === ana.userId && e.actor.email === ana.email && e.actor.name === "Ana Lyst")).toBe(true);
    expect(history.map((e) => e.at)).toEqual([...history.map((e) => e.at)].sort());
  });

  it("refuses viewers, unknown alerts and an empty change", async () => {
    const { principal: viewer } = await makeUser("viewer");
    const { principal: admin } = await makeUser("admin");
    const id = await fx.alert({ connectorId: await fx.connector() });
    await expect(patch(viewer, id, { status: "in_progress" })).rejects.toMatchObject({ status: 403 });
    await expect(patch(admin, randomUUID(), { status: "in_progress" })).rejects.toMatchObject({ status: 404, message: "Alert not found" });
    expect(ZAlertPatchInput.safeParse({}).success).toBe(false);
    expect(ZAlertPatchInput.safeParse({ status: "resolved", reason: "x" }).error?.issues[0]?.message).toBe("Resolving needs a classification");
    expect((await getAlertOrThrow(id)).history).toEqual([]);
  });

  it("assigns to enabled analysts and admins only, recording names and emails", async () => {
    const { principal: ana } = await makeUser("analyst", { name: "Ana Lyst" });
    const { user: boss } = await makeUser("admin", { name: "Boss" });
    const { user: vic } = await makeUser("viewer", { name: "Vic Viewer", email: "vic@example.test" });
    const { user: gone } = await makeUser("analyst", { name: "Gone" });
    await updateUser(gone.id, { disabled: true });
    const id = await fx.alert({ connectorId: await fx.connector() });

    expect((await patch(ana, id, { assigneeId: ana.userId })).assignee).toEqual({ id: ana.userId, name: "Ana Lyst", email: ana.email });
    await expect(patch(ana, id, { assigneeId: vic.id })).rejects.toMatchObject({ status: 400, message: "Vic Viewer (vic@example.test) is a viewer and cannot be assigned" });
    await expect(patch(ana, id, { assigneeId: gone.id })).rejects.toMatchObject({ status: 400, message: /is disabled and cannot be assigned/ });
    await expect(patch(ana, id, { assigneeId: randomUUID() })).rejects.toMatchObject({ status: 400, message: /^Unknown user / });
    await patch(ana, id, { assigneeId: boss.id });
    expect((await patch(ana, id, { assigneeId: null })).assignee).toBeNull();

    const events = (await getAlertOrThrow(id)).history.filter((e) => e.kind === "assigned").map((e) => e.detail);
    expect(events).toEqual([
      { from: null, to: { id: ana.userId, name: "Ana Lyst", email: ana.email } },
      { from: { id: ana.userId, name: "Ana Lyst", email: ana.email }, to: { id: boss.id, name: "Boss", email: boss.email } },
      { from: { id: boss.id, name: "Boss", email: boss.email }, to: null },
    ]);
    expect((await listAssignees()).map((u) => [u.name, u.role])).toEqual([
      ["Ana Lyst", "analyst"],
      ["Boss", "admin"],
    ]);
  });

  it("lets only one of two concurrent closing changes win (the transition is checked on the locked row)", async () => {
    const { principal: a } = await makeUser("analyst");
    const { principal: b } = await makeUser("analyst");
    const connectorId = await fx.connector();
    for (let round = 0; round < 5; round++) {
      const id = await fx.alert({ connectorId });
      const results = await Promise.allSettled([
        patch(a, id, { status: "resolved", classification: "true_positive", reason: "A" }),
        patch(b, id, { status: "dismissed", reason: "B" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 400, message: /reopen it first/ } });
      expect((await getAlertOrThrow(id)).history.filter((e) => e.kind === "status_changed")).toHaveLength(1);
    }
  });
});

describe("comments", () => {
  it("adds comments oldest first with a history event; viewers and unknown alerts are refused", async () => {
    const { principal: ana } = await makeUser("analyst", { name: "Ana Lyst" });
    const { principal: viewer } = await makeUser("viewer");
    const id = await fx.alert({ connectorId: await fx.connector() });
    const first = await addAlertComment({ actor: ana, alertId: id, body: "Looking into it" });
    expect(first).toMatchObject({ author: { id: ana.userId, name: "Ana Lyst", email: ana.email }, body: "Looking into it", createdAt: expect.any(String) });
    await addAlertComment({ actor: ana, alertId: id, body: "x".repeat(300) });
    await expect(addAlertComment({ actor: viewer, alertId: id, body: "hi" })).rejects.toMatchObject({ status: 403 });
    await expect(addAlertComment({ actor: ana, alertId: randomUUID(), body: "hi" })).rejects.toMatchObject({ status: 404 });

    const detail = await getAlertOrThrow(id);
    expect(detail.comments.map((c) => c.body.slice(0, 15))).toEqual(["Looking into it", "x".repeat(15)]);
    expect(detail.history.map((e) => e.kind)).toEqual(["commented", "commented"]);
    expect(detail.history[0]?.detail).toEqual({ commentId: first.id, excerpt: "Looking into it" });
    expect(String(detail.history[1]?.detail.excerpt)).toHaveLength(140);
  });
});

describe("POST /api/v1/alerts/bulk", () => {
  it("changes each alert alone: unknown ids and invalid transitions fail with their message, the rest change once", async () => {
    const { principal: ana } = await makeUser("analyst");
    const { principal: viewer } = await makeUser("viewer");
    const connectorId = await fx.connector();
    const open = await fx.alert({ connectorId });
    const working = await fx.alert({ connectorId, status: "in_progress" });
    const resolved = await fx.alert({ connectorId, status: "resolved" });
    const already = await fx.alert({ connectorId, status: "dismissed" });
    const unknown = randomUUID();
    const input = ZAlertBulkInput.parse({ ids: [open, working, resolved, unknown, already], status: "dismissed", reason: "Pen test" });

    await expect(bulkUpdateAlerts({ actor: viewer, input })).rejects.toMatchObject({ status: 403 });
    const result = await bulkUpdateAlerts({ actor: ana, input });
    expect(result).toEqual({
      updated: 3,
      failed: [
        { id: resolved, message: "Cannot move an alert from resolved to dismissed; reopen it first" },
        { id: unknown, message: "Alert not found" },
      ],
    });
    for (const id of [open, working]) {
      const detail = await getAlertOrThrow(id);
      expect(detail).toMatchObject({ status: "dismissed", resolutionReason: "Pen test" });
      expect(detail.history.map((e) => e.kind)).toEqual(["status_changed"]);
    }
    expect((await getAlertOrThrow(resolved)).history).toEqual([]);
    // Already dismissed: the status stays, the new reason replaces the old one (recorded as such).
    expect((await getAlertOrThrow(already)).history.map((e) => [e.kind, e.detail])).toEqual([["classified", { classification: null, reason: "Pen test" }]]);

    const assigned = await bulkUpdateAlerts({ actor: ana, input: ZAlertBulkInput.parse({ ids: [open, working, resolved], assigneeId: ana.userId }) });
    expect(assigned).toEqual({ updated: 3, failed: [] });
    expect((await getAlertOrThrow(resolved)).assignee?.id).toBe(ana.userId);
    const { user: vic } = await makeUser("viewer");
    await expect(bulkUpdateAlerts({ actor: ana, input: ZAlertBulkInput.parse({ ids: [open], assigneeId: vic.id }) })).rejects.toMatchObject({ status: 400 });
  });
});

describe("GET /api/v1/alerts/{id}", () => {
  it("shows the user's context: directory entry, countries seen and other alerts, newest 10", async () => {
    const connectorId = await fx.connector();
    await fx.atlassianUser(connectorId, "acc-ada", { isAdmin: true, status: "suspended" });
    const day = (d: number) => new Date(Date.UTC(2026, 10, d));
    await fx.locationSeen(connectorId, "acc-ada", "81.2.69.142", "GB", day(1), day(10));
    await fx.locationSeen(connectorId, "acc-ada", "81.2.69.143", "GB", day(3), day(12));
    await fx.locationSeen(connectorId, "acc-ada", "1.120.45.8", "AU", day(5), day(20));
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await fx.alert({ connectorId, createdAt: day(i + 1) }));
    await fx.alert({ connectorId, userAccountId: "acc-bob" });
    const target = ids[11] as string;

    const { context } = await getAlertOrThrow(target);
    expect(context).toMatchObject({ isAdmin: true, userStatus: "suspended" });
    expect(context.countriesSeen).toEqual([
      { countryCode: "AU", firstSeenAt: day(5).toISOString(), lastSeenAt: day(20).toISOString() },
      { countryCode: "GB", firstSeenAt: day(1).toISOString(), lastSeenAt: day(12).toISOString() },
    ]);
    expect(context.recentAlerts.map((a) => a.id)).toEqual(ids.slice(1, 11).reverse());

    const stranger = await fx.alert({ connectorId, userAccountId: "acc-nobody" });
    expect((await getAlertOrThrow(stranger)).context).toEqual({ isAdmin: null, userStatus: null, countriesSeen: [], recentAlerts: [] });
  });

  it("records a created event when detection raises an alert (and none when it continues it)", async () => {
    const connectorId = await fx.connector();
    const write = {
      policyId: null,
      policyKey: "failed_logins",
      policyName: "Failed logins",
      severity: "high",
      connectorId,
      user: { accountId: "acc-ada", email: null, name: null },
      title: "t",
      explanation: "e",
      details: {},
      episodeKey: "ep-1",
      activitySeqs: [],
      firstActivityAt: new Date(),
      lastActivityAt: new Date(),
    };
    expect(await upsertAlertsInTransaction(connectorId, [write])).toBe(1);
    expect(await upsertAlertsInTransaction(connectorId, [write])).toBe(0);
    const [row] = await fx.query<{ id: string }>("SELECT id FROM alerts");
    const { history } = await getAlertOrThrow(row?.id ?? "");
    expect(history).toEqual([expect.objectContaining({ kind: "created", actor: null, detail: { policyKey: "failed_logins", policyName: "Failed logins", severity: "high" } })]);
  });
});
