import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZAtlassianUsersQuery, ZUserActivitiesQuery } from "../../../shared/schemas/atlassian-users";
import { ZDashboardDto, ZDashboardQuery } from "../../../shared/schemas/dashboard";
import { openTestDatabase } from "../../../testing/test-database";
import { getAtlassianUserOrThrow } from "../atlassian-users/get-atlassian-user";
import { listAtlassianUsers } from "../atlassian-users/list-atlassian-users";
import { listUserActivities } from "../atlassian-users/list-user-activities";
import { updateRollups } from "../rollups/update-rollups";
import { getDashboard } from "./get-dashboard";

const db = openTestDatabase();

const NOW = new Date();
const HOUR = 3_600_000;

const seed = async () => {
  const connectorId = randomUUID();
  await db.query(
    `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, status, updated_at)
     VALUES ($1, 'Acme', 'org-1', 'http://127.0.0.1:1', 'x', 'none', 'b', now() + interval '1 year', now(), 'connected', now())`,
    [connectorId],
  );
  const users = [
    ["acc-ada", "Ada Lovelace", "ada@acme.test", "active", true],
    ["acc-bob", "Bob Builder", "bob@acme.test", "suspended", false],
    ["acc-cy", "Cy Twombly", "cy@acme.test", "deactivated", false],
    ["acc-dee", "Dee 100%_done", "dee@acme.test", "active", false],
  ] as const;
  for (const [accountId, name, email, status, isAdmin] of users) {
    await db.query(
      `INSERT INTO atlassian_users (id, connector_id, account_id, name, email, domain, status, is_admin, platform_roles, synced_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'acme.test', $5, $6, $7, now())`,
      [connectorId, accountId, name, email, status, isAdmin, isAdmin ? ["atlassian/org-admin"] : []],
    );
  }
  // Ada: 30 activities over the last 30 hours (5 failed logins) from GB, then one from DE 40 days ago; Bob: 3 in jira.
  const rows: unknown[][] = [];
  for (let i = 0; i < 30; i++) rows.push(["acc-ada", i < 5 ? "user_login_failed" : "user_login", "admin", new Date(NOW.getTime() - i * HOUR), "203.0.113.1", "GB", "United Kingdom"]);
  rows.push(["acc-ada", "user_login", "admin", new Date(NOW.getTime() - 40 * 24 * HOUR), "198.51.100.7", "DE", "Germany"]);
  for (let i = 0; i < 3; i++) rows.push(["acc-bob", "issue_created", "jira", new Date(NOW.getTime() - (i + 1) * 2 * HOUR), null, null, null]);
  for (const [n, [actor, action, product, time, ip, code, country]] of rows.entries()) {
    await db.query(
      `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, actor_name, ip, country_code, country, raw)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7::inet, $8, $9, '{}')`,
      [connectorId, `e${n}`, time, action, product, actor, ip, code, country],
    );
  }
  await db.query(
    `INSERT INTO alerts (id, policy_key, policy_name, severity, status, connector_id, user_account_id, title, explanation, episode_key, first_activity_at, last_activity_at, updated_at)
     VALUES (gen_random_uuid(), 'failed_logins', 'Failed logins', 'high', 'open', $1, 'acc-ada', 'Brute force on Ada', 'x', 'ep-1', now(), now(), now()),
            (gen_random_uuid(), 'failed_logins', 'Failed logins', 'medium', 'resolved', $1, 'acc-ada', 'Earlier', 'x', 'ep-2', now(), now(), now()),
            (gen_random_uuid(), 'anonymous_ip', 'Anonymous IP', 'low', 'in_progress', $1, 'acc-bob', 'Tor', 'x', 'ep-3', now(), now(), now())`,
    [connectorId],
  );
  await updateRollups();
  return connectorId;
};

describe("dashboard", () => {
  it("reads the rollups and alerts for each range", async () => {
    await seed();
    const day = await getDashboard({ range: "24h", now: NOW });
    expect(day.activityOverTime).toHaveLength(24);
    expect(day.kpis.activities).toBe(24 + 3);
    expect(day.kpis.failedLogins).toBe(5);
    expect(day.kpis.openAlerts).toEqual({ low: 1, medium: 0, high: 1, total: 2 });
    expect(day.kpis.connectors).toEqual({ total: 1, healthy: 1, attention: 0 });
    expect(day.products).toEqual(["admin", "jira"]);
    expect(day.failedLoginsOverTime.reduce((a, p) => a + p.count, 0)).toBe(5);
    expect(day.alertsByPolicy[0]).toMatchObject({ policyKey: "failed_logins", count: 2, open: 1 });

    const quarter = await getDashboard({ range: "90d", now: NOW });
    expect(quarter.activityOverTime).toHaveLength(90);
    expect(quarter.kpis.activities).toBe(34);
    expect(quarter.topUsers[0]).toMatchObject({ actorId: "acc-ada", count: 31, failedLogins: 5 });
    expect(quarter.topUsers[0]?.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(quarter.topCountries.map((c) => c.name)).toEqual(["United Kingdom", "Unknown", "Germany"]);
    expect(quarter.kpis.activeUsers).toBe(2);
  });

  it("counts top users exactly over whole weeks and the days at either end", async () => {
    const connectorId = await seed();
    // Cy: one activity a day for the last 100 days, so every range starts and ends inside a week.
    await db.query(
      `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, actor_name, raw)
       SELECT $1, 'cy-' || k, $2::timestamptz - k * interval '1 day', 'user_login', 'jira', 'acc-cy', 'Cy Twombly', '{}' FROM generate_series(0, 99) k`,
      [connectorId, NOW],
    );
    await updateRollups();
    for (const range of ["7d", "30d", "90d"] as const) {
      const dto = await getDashboard({ range, now: NOW });
      // Top users count whole UTC days from dailyFrom.
      const days = Array.from({ length: 100 }, (_, k) => new Date(NOW.getTime() - k * 24 * HOUR).toISOString().slice(0, 10)).filter((d) => d >= dto.dailyFrom);
      expect(days.length).toBeGreaterThanOrEqual(range === "7d" ? 7 : Number(range.slice(0, 2)));
      expect(dto.topUsers.find((u) => u.actorId === "acc-cy")?.count).toBe(days.length);
    }
  });

  it("reports the processing lag health reports: detection, governance and notifications", async () => {
    const connectorId = await seed();
    await db.query("UPDATE activities SET stored_at = $1", [new Date(NOW.getTime() - 20_000)]);
    const pending = await getDashboard({ range: "24h", now: NOW });
    expect(ZDashboardDto.parse(pending)).toEqual(pending);
    expect(pending.processingLag).toEqual({ detectionSeconds: 20, governanceSeconds: 0, notificationSeconds: 0 });

    await db.query(
      `INSERT INTO activity_consumer_cursors (consumer, connector_id, last_seq, updated_at) SELECT 'detection', $1, max(seq), now() FROM activities`,
      [connectorId],
    );
    await db.query(
      `INSERT INTO governance_actions (id, action, connector_id, account_id, reason, next_attempt_at, triggered_by_kind, updated_at)
       VALUES (gen_random_uuid(), 'suspend_user', $1, 'acc-bob', 'test', $2, 'person', now())`,
      [connectorId, new Date(NOW.getTime() - 75_000)],
    );
    await db.query(`INSERT INTO notification_channels (id, name, kind, updated_at) VALUES ($1, 'Hook', 'webhook', now())`, [randomUUID()]);
    await db.query(
      `INSERT INTO notification_deliveries (id, channel_id, kind, message, next_attempt_at) SELECT gen_random_uuid(), id, 'test', '{}', $1 FROM notification_channels`,
      [new Date(NOW.getTime() - 3_000)],
    );
    expect((await getDashboard({ range: "7d", now: NOW })).processingLag).toEqual({ detectionSeconds: 0, governanceSeconds: 75, notificationSeconds: 3 });
  });

  it("refuses an unknown range", () => {
    expect(ZDashboardQuery.safeParse({ range: "1y" }).success).toBe(false);
    expect(ZDashboardQuery.parse({})).toEqual({ range: "7d" });
  });
});

describe("Atlassian users", () => {
  it("lists with filters and a keyset cursor, and shows one user with locations, alerts and timeline", async () => {
    const connectorId = await seed();
    const all = await listAtlassianUsers(ZAtlassianUsersQuery.parse({}));
    expect(all.data.map((u) => u.accountId)).toEqual(["acc-ada", "acc-bob", "acc-cy", "acc-dee"]);
    expect(all.data[0]).toMatchObject({ isAdmin: true, openAlerts: 1, connectorName: "Acme" });
    expect(all.data[0]?.lastActiveAt).toBe(new Date(Math.floor(NOW.getTime())).toISOString());

    const first = await listAtlassianUsers(ZAtlassianUsersQuery.parse({ limit: "3" }));
    const second = await listAtlassianUsers(ZAtlassianUsersQuery.parse({ limit: "3", cursor: first.nextCursor }));
    expect([...first.data, ...second.data].map((u) => u.accountId)).toEqual(all.data.map((u) => u.accountId));
    expect(second.nextCursor).toBeNull();

    const ids = async (query: Record<string, string>) => (await listAtlassianUsers(ZAtlassianUsersQuery.parse(query))).data.map((u) => u.accountId);
    expect(await ids({ status: "suspended" })).toEqual(["acc-bob"]);
    expect(await ids({ admin: "true" })).toEqual(["acc-ada"]);
    expect(await ids({ admin: "false", q: "BUILD" })).toEqual(["acc-bob"]);
    expect(await ids({ q: "100%_" })).toEqual(["acc-dee"]);
    expect(await ids({ q: "%" })).toEqual(["acc-dee"]);
    expect(await ids({ connectorId })).toHaveLength(4);
    expect(await ids({ connectorId: randomUUID() })).toEqual([]);
    for (const bad of [{ status: "gone" }, { admin: "yes" }, { cursor: "not-a-cursor" }, { connectorId: "x" }, { limit: "0" }]) {
      expect(ZAtlassianUsersQuery.safeParse(bad).success).toBe(false);
    }
    const forged = Buffer.from(JSON.stringify(["a", "not-a-uuid"])).toString("base64url");
    await expect(listAtlassianUsers(ZAtlassianUsersQuery.parse({ cursor: forged }))).rejects.toMatchObject({ code: "validation_failed" });

    const ada = all.data[0]?.id ?? "";
    const detail = await getAtlassianUserOrThrow(ada);
    expect(detail.locations.map((l) => [l.ip, l.count])).toEqual([
      ["203.0.113.1", 30],
      ["198.51.100.7", 1],
    ]);
    expect(detail.countries.map((c) => [c.countryCode, c.count])).toEqual([
      ["GB", 30],
      ["DE", 1],
    ]);
    expect(detail.alerts.map((a) => a.title)).toEqual(expect.arrayContaining(["Brute force on Ada", "Earlier"]));
    expect(detail.governanceActions).toEqual([]);
    await expect(getAtlassianUserOrThrow(randomUUID())).rejects.toMatchObject({ code: "not_found" });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listUserActivities>> = await listUserActivities({ id: ada, query: ZUserActivitiesQuery.parse({ limit: "7", cursor: cursor ?? undefined }) });
      seen.push(...page.data.map((a) => a.time));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(31);
    expect([...seen].sort().reverse()).toEqual(seen);
    const tampered = Buffer.from(JSON.stringify(["yesterday", "1"])).toString("base64url");
    await expect(listUserActivities({ id: ada, query: ZUserActivitiesQuery.parse({ cursor: tampered }) })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
