import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALERT_SORTS, ZAlertListQuery, type TAlertListItemDto, type TAlertSort } from "../../../shared/schemas/alerts";
import { createAlertFixtures } from "../../../testing/alert-fixtures";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { listAlerts } from "../detection/list-alerts";
import { updateAlertForActor } from "./update-alert";

let fx: Awaited<ReturnType<typeof createAlertFixtures>>;
beforeAll(async () => {
  fx = await createAlertFixtures();
});
afterAll(() => fx.close());
beforeEach(resetDatabase);

const list = (query: Record<string, string>, actorId?: string) => listAlerts(ZAlertListQuery.parse(query), { actorId });

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;
const SEVERITIES = ["low", "medium", "high"] as const;
const STATUSES = ["open", "in_progress", "resolved", "dismissed"] as const;

/** 23 alerts with ties on every sort key (creation times and last activities repeat, severities repeat). */
const seed = async () => {
  const connectorId = await fx.connector();
  for (let i = 0; i < 23; i++) {
    await fx.alert({
      connectorId,
      severity: SEVERITIES[i % 3],
      status: STATUSES[i % 4],
      policyKey: i % 2 ? "impossible_travel" : "failed_logins",
      createdAt: new Date(T0 + Math.floor(i / 3) * HOUR),
      lastActivityAt: new Date(T0 + (i % 5) * HOUR),
    });
  }
};

const RANK = { low: 0, medium: 1, high: 2 };
const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
const EXPECTED_ORDER: Record<TAlertSort, (a: TAlertListItemDto, b: TAlertListItemDto) => number> = {
  newest: (a, b) => desc(a.createdAt, b.createdAt) || desc(a.id, b.id),
  oldest: (a, b) => -desc(a.createdAt, b.createdAt) || -desc(a.id, b.id),
  severity: (a, b) => RANK[b.severity] - RANK[a.severity] || desc(a.createdAt, b.createdAt) || desc(a.id, b.id),
  last_activity: (a, b) => desc(a.lastActivityAt, b.lastActivityAt) || desc(a.id, b.id),
};

describe("GET /api/v1/alerts", () => {
  it("pages every sort with its own keyset cursor: no gaps, no repeats, in the sort's order", async () => {
    await seed();
    for (const sort of ALERT_SORTS) {
      const seen: TAlertListItemDto[] = [];
      let cursor: string | null = null;
      do {
        const page = await list({ sort, limit: "4", ...(cursor ? { cursor } : {}) });
        seen.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen.map((a) => a.id)).size).toBe(23);
      expect(seen.map((a) => a.id)).toEqual([...seen].sort(EXPECTED_ORDER[sort]).map((a) => a.id));
    }
    expect((await list({})).data.map((a) => a.id)).toEqual((await list({ sort: "newest" })).data.map((a) => a.id));
  });

  it("refuses a cursor of another sort and a forged one, and still reads a first-release cursor", async () => {
    await seed();
    const { nextCursor } = await list({ sort: "severity", limit: "2" });
    await expect(list({ sort: "oldest", cursor: nextCursor ?? "" })).rejects.toMatchObject({ status: 400, message: /belongs to sort=severity, not sort=oldest/ });
    await expect(list({ cursor: nextCursor ?? "" })).rejects.toMatchObject({ status: 400 });
    await expect(list({ cursor: Buffer.from('["severity","2026-11-01T00:00:00Z","urgent","x"]').toString("base64url") })).rejects.toMatchObject({ status: 400 });
    await expect(list({ cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({ code: "validation_failed" });
    const first = await list({ limit: "3" });
    const last = first.data[2];
    const legacy = Buffer.from(JSON.stringify([last?.createdAt, last?.id])).toString("base64url");
    expect((await list({ limit: "3", cursor: legacy })).data.map((a) => a.id)).toEqual((await list({ limit: "3", cursor: first.nextCursor ?? "" })).data.map((a) => a.id));
    expect(ZAlertListQuery.safeParse({ sort: "loudest" }).error?.issues[0]?.message).toMatch(/^sort must be one of newest, oldest, severity, last_activity/);
  });

  it("counts alerts per status under the other filters", async () => {
    await seed();
    const all = await list({ limit: "1" });
    expect(all.counts).toEqual({ open: 6, in_progress: 6, resolved: 6, dismissed: 5 });
    // The status filter narrows the page, never the counts.
    const open = await list({ status: "open", policyKey: "failed_logins" });
    expect(open.data.every((a) => a.status === "open" && a.policyKey === "failed_logins")).toBe(true);
    expect(open.counts).toEqual({ open: 6, in_progress: 0, resolved: 6, dismissed: 0 });
    expect((await list({ severity: "high" })).counts).toEqual({ open: 2, in_progress: 2, resolved: 2, dismissed: 1 });
  });

  it("filters by assignee: a user id, me, unassigned; adds the triage fields to every row", async () => {
    const { principal: ana } = await makeUser("analyst", { name: "Ana Lyst" });
    const { user: boss } = await makeUser("admin");
    const connectorId = await fx.connector();
    const mine = await fx.alert({ connectorId });
    const theirs = await fx.alert({ connectorId });
    const nobody = await fx.alert({ connectorId });
    await updateAlertForActor({ actor: ana, id: mine, input: { assigneeId: ana.userId } });
    await updateAlertForActor({ actor: ana, id: theirs, input: { assigneeId: boss.id } });

    const ids = async (query: Record<string, string>, actorId?: string) => (await list(query, actorId)).data.map((a) => a.id);
    expect(await ids({ assignee: "me" }, ana.userId)).toEqual([mine]);
    expect(await ids({ assignee: boss.id })).toEqual([theirs]);
    expect(await ids({ assignee: "unassigned" })).toEqual([nobody]);
    await expect(list({ assignee: "me" })).rejects.toMatchObject({ status: 400 });
    expect(ZAlertListQuery.safeParse({ assignee: "bob" }).success).toBe(false);
    expect((await list({ assignee: "me" }, ana.userId)).counts).toEqual({ open: 1, in_progress: 0, resolved: 0, dismissed: 0 });
    expect((await list({ assignee: "me" }, ana.userId)).data[0]).toMatchObject({
      assignee: { id: ana.userId, name: "Ana Lyst", email: ana.email },
      classification: null,
      resolutionReason: null,
      resolvedAt: null,
    });
  });
});
