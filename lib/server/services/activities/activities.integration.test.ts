import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encodeActivityCursor, ZActivityExportQuery, ZActivityListQuery, type TActivityDto } from "../../../shared/schemas/activities";
import { activityRows, ids, listQuery } from "./activity-test-rows";
import { exportActivities } from "./export-activities";
import { getActivityOrThrow } from "./get-activity";

const fx = activityRows();
const { db, insert } = fx;

describe("activity log filters", () => {
  it("returns newest first with eventId, id and connector name", async () => {
    const [older, newer] = await insert([{ time: "2026-11-20T09:00:00.000Z" }, { time: "2026-11-20T11:00:00.000Z" }]);
    const page = await listQuery({});
    expect(ids(page.data)).toEqual([newer, older]);
    expect(page.data[0]).toMatchObject({ id: newer, eventId: "evt-2", connectorName: "Org A", time: "2026-11-20T11:00:00.000Z", countryCode: "GB" });
    expect(page.nextCursor).toBeNull();
  });

  it("filters by time range (from inclusive, to exclusive)", async () => {
    const [a, b] = await insert([{ time: "2026-11-19T00:00:00.000Z" }, { time: "2026-11-20T00:00:00.000Z" }, { time: "2026-11-21T00:00:00.000Z" }]);
    expect(ids((await listQuery({ from: "2026-11-19", to: "2026-11-21T00:00:00Z" })).data)).toEqual([b, a]);
    expect(ids((await listQuery({ from: "2026-11-20T01:00:00+01:00", to: "2026-11-20T00:00:00.001Z" })).data)).toEqual([b]);
  });

  it("filters by user: account id, directory email or name, and raw email without a directory entry", async () => {
    await db.query(
      `INSERT INTO atlassian_users (id, connector_id, account_id, name, email, status, platform_roles, synced_at)
       VALUES (gen_random_uuid(), $1, 'acc-grace', 'Grace Hopper', 'Grace@Example.com', 'active', '{}', now())`,
      [fx.connectorA],
    );
    const [, grace, , stranger] = await insert([{}, { actorId: "acc-grace", actorEmail: "grace@example.com" }, {}, { actorId: "acc-x", actorEmail: "x@other.test" }]);
    expect(ids((await listQuery({ user: "acc-grace" })).data)).toEqual([grace]);
    expect(ids((await listQuery({ user: "grace@example.com" })).data)).toEqual([grace]);
    expect(ids((await listQuery({ user: "grace hopper" })).data)).toEqual([grace]);
    expect(ids((await listQuery({ user: "X@other.test" })).data)).toEqual([stranger]);
    expect((await listQuery({ user: "nobody@nowhere.test" })).data).toEqual([]);
  });

  it("filters by one or several actions (merged newest first)", async () => {
    const [login, failed, , failed2] = await insert([
      { action: "user_login", time: "2026-11-20T01:00:00.000Z" },
      { action: "user_login_failed", time: "2026-11-20T02:00:00.000Z" },
      { action: "user_logout", time: "2026-11-20T03:00:00.000Z" },
      { action: "user_login_failed", time: "2026-11-20T04:00:00.000Z" },
    ]);
    expect(ids((await listQuery({ action: "user_login_failed" })).data)).toEqual([failed2, failed]);
    expect(ids((await listQuery({ action: ["user_login", "user_login_failed"] })).data)).toEqual([failed2, failed, login]);
    const first = await listQuery({ action: ["user_login", "user_login_failed"], limit: 2 });
    expect(ids(first.data)).toEqual([failed2, failed]);
    expect(ids((await listQuery({ action: ["user_login", "user_login_failed"], limit: 2, cursor: first.nextCursor })).data)).toEqual([login]);
  });

  it("filters by source (audit log or session proxy), alone, with other filters and across pages, and carries it in the DTO and the export", async () => {
    const [audit1, proxy1, audit2, proxy2] = await insert([
      { time: "2026-11-20T01:00:00.000Z" },
      { time: "2026-11-20T02:00:00.000Z", source: "session_proxy", action: "proxy_download_attachment", product: "confluence" },
      { time: "2026-11-20T03:00:00.000Z", product: "confluence" },
      { time: "2026-11-20T04:00:00.000Z", source: "session_proxy", action: "proxy_view_page", product: "confluence" },
    ]);
    expect(ids((await listQuery({})).data)).toEqual([proxy2, audit2, proxy1, audit1]);
    expect(ids((await listQuery({ source: "session_proxy" })).data)).toEqual([proxy2, proxy1]);
    expect(ids((await listQuery({ source: "audit_log" })).data)).toEqual([audit2, audit1]);
    expect(ids((await listQuery({ source: "audit_log", product: "confluence" })).data)).toEqual([audit2]);
    expect(ids((await listQuery({ source: "session_proxy", q: "proxy_download" })).data)).toEqual([proxy1]);
    const first = await listQuery({ source: "session_proxy", limit: 1 });
    expect(ids(first.data)).toEqual([proxy2]);
    expect(ids((await listQuery({ source: "session_proxy", limit: 1, cursor: first.nextCursor })).data)).toEqual([proxy1]);
    expect((await listQuery({ source: "" })).data).toHaveLength(4);
    expect((await listQuery({ source: "session_proxy" })).data.map((a) => a.source)).toEqual(["session_proxy", "session_proxy"]);
    expect((await getActivityOrThrow(audit1!)).source).toBe("audit_log");
    expect(ZActivityListQuery.safeParse({ source: "proxy" }).error?.issues[0]?.message).toBe("source must be audit_log or session_proxy");

    const csv = await exportActivities({ query: ZActivityExportQuery.parse({ format: "csv", source: "session_proxy" }) });
    const lines = (await new Response(csv.body).text()).trimEnd().split("\n");
    expect(lines.slice(1).map((l) => l.split(",").at(-1))).toEqual(["session_proxy", "session_proxy"]);
    const ndjson = await exportActivities({ query: ZActivityExportQuery.parse({ format: "ndjson", source: "audit_log" }) });
    expect((await new Response(ndjson.body).text()).trim().split("\n").map((l) => (JSON.parse(l) as TActivityDto).source)).toEqual(["audit_log", "audit_log"]);
  });

  it("filters by product, IP address, IPv4 and IPv6 CIDR, country name or code, IP category, connector, admin and impersonation", async () => {
    const [v4, v6, other] = await insert([
      { ip: "10.1.2.3", product: "confluence", countryCode: "DE", country: "Germany", ipCategory: "corporate", ipTags: ["office"] },
      { ip: "2001:db8::5", connector: fx.connectorB, isAdmin: true, action: "org_admin_granted" },
      { ip: "192.0.2.1", isImpersonation: true, action: "user_logged_in_as_user" },
    ]);
    expect(ids((await listQuery({ product: "confluence" })).data)).toEqual([v4]);
    expect(ids((await listQuery({ ip: "10.1.2.3" })).data)).toEqual([v4]);
    expect(ids((await listQuery({ ip: "10.0.0.0/8" })).data)).toEqual([v4]);
    expect(ids((await listQuery({ ip: "2001:db8::/32" })).data)).toEqual([v6]);
    expect(ids((await listQuery({ country: "Germany" })).data)).toEqual([v4]);
    expect(ids((await listQuery({ country: "de" })).data)).toEqual([v4]);
    expect(ids((await listQuery({ country: "United Kingdom" })).data)).toEqual([other, v6]);
    expect(ids((await listQuery({ ipCategory: "corporate" })).data)).toEqual([v4]);
    expect(ids((await listQuery({ connectorId: fx.connectorB })).data)).toEqual([v6]);
    expect(ids((await listQuery({ adminOnly: "true" })).data)).toEqual([v6]);
    expect(ids((await listQuery({ impersonation: "1" })).data)).toEqual([other]);
    expect(ids((await listQuery({ adminOnly: "false" })).data)).toHaveLength(3);
  });

  it("searches free text as a substring, case-insensitively, with LIKE wildcards taken literally", async () => {
    const [ada, , pct] = await insert([{}, { actorName: "Grace Hopper", actorEmail: "grace@example.com", city: "Paris" }, { targetName: "100% real_user" }]);
    expect(ids((await listQuery({ q: "LOVEL" })).data)).toEqual([pct, ada]);
    expect(ids((await listQuery({ q: "paris" })).data)).toHaveLength(1);
    expect(ids((await listQuery({ q: "100% real_" })).data)).toEqual([pct]);
    expect((await listQuery({ q: "10_%" })).data).toEqual([]);
  });

  it("finds a rare word beyond the newest rows the free-text search scans first", async () => {
    const [rare] = await insert([{ actorName: "Zebulon Quux", time: "2026-01-01T00:00:00.000Z" }]);
    await db.query(
      `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, search_text, raw)
       SELECT $1, 'filler-' || i, timestamptz '2026-11-01' + i * interval '1 second', 'user_login', 'jira', 'acc-f', 'filler ' || i, '{}'
       FROM generate_series(1, 25000) i`,
      [fx.connectorA],
    );
    expect(ids((await listQuery({ q: "zebulon" })).data)).toEqual([rare]);
    const page = await listQuery({ q: "filler 1", limit: 3 });
    expect(page.data.map((a) => a.eventId)).toEqual(["filler-19999", "filler-19998", "filler-19997"]);
    // Nothing beyond the newest rows, and pages across the boundary of the first step.
    expect((await listQuery({ q: "no such word" })).data).toEqual([]);
    const first = await listQuery({ q: "zebulon quux" });
    expect(first.nextCursor).toBeNull();
  });

  it("finds a word that is common only further back than the newest rows (more trigram matches than it sorts itself)", async () => {
    await db.query(
      `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, search_text, raw)
       SELECT $1, 'old-' || i, timestamptz '2026-10-01' + i * interval '1 second', 'user_login', 'jira', 'acc-o', CASE WHEN i <= 3000 THEN 'formerly ' || i ELSE 'filler ' || i END, '{}'
       FROM generate_series(1, 25000) i`,
      [fx.connectorA],
    );
    const page = await listQuery({ q: "formerly", limit: 60 });
    expect(page.data.map((a) => a.eventId)).toEqual(Array.from({ length: 60 }, (_, i) => `old-${3000 - i}`));
    const next = await listQuery({ q: "formerly", limit: 60, cursor: page.nextCursor });
    expect(next.data[0]?.eventId).toBe("old-2940");
    // Asked again, the word is known to be common and the trigram index is skipped: the same rows.
    const again = await listQuery({ q: "formerly", limit: 60 });
    expect(again.data.map((a) => a.id)).toEqual(page.data.map((a) => a.id));
    expect(again.nextCursor).toBe(page.nextCursor);
  });
});

describe("keyset cursor", () => {
  it("pages through everything in a stable order without gaps or repeats while activities arrive", async () => {
    // Equal times on purpose: seq breaks the tie.
    const original = await insert(Array.from({ length: 23 }, (_, i) => ({ time: `2026-11-20T10:00:0${i % 4}.000Z`, connector: i % 2 ? fx.connectorA : fx.connectorB })));
    const expected = (await listQuery({ limit: 500 })).data.map((a) => a.id);
    expect(new Set(expected).size).toBe(23);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listQuery>> = await listQuery({ limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page.data));
      cursor = page.nextCursor;
      // New activities keep arriving: newer ones, and late ones at a time already paged past.
      await insert([{ time: "2026-11-21T00:00:00.000Z" }, { time: "2026-11-20T10:00:03.000Z" }]);
      pages++;
    } while (cursor && pages < 20);
    const originalSeen = seen.filter((id) => original.includes(id));
    expect(originalSeen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("rejects a tampered or foreign cursor, a bad limit and malformed filters", () => {
    const good = encodeActivityCursor({ time: "2026-11-20T10:00:00.000Z", seq: "42" });
    expect(ZActivityListQuery.safeParse({ cursor: good }).success).toBe(true);
    for (const cursor of [good.slice(0, -2), `${good}x`, "not a cursor", Buffer.from("2026-11-20|x").toString("base64url"), Buffer.from("x|1").toString("base64url")]) {
      expect(ZActivityListQuery.safeParse({ cursor }).success, cursor).toBe(false);
    }
    for (const params of [{ limit: "501" }, { limit: "0" }, { limit: "ten" }, { from: "yesterday" }, { to: "2026-13-01" }, { from: "2026-11-20T10:00:00" },
      { ip: "10.0.0.0/33" }, { ip: "999.1.1.1" }, { ip: "fe80::1::2" }, { action: "user_hacked" }, { action: ["user_login", "nope"] }, { product: "trello" },
      { ipCategory: "evil" }, { connectorId: "abc" }, { adminOnly: "maybe" }]) {
      expect(ZActivityListQuery.safeParse(params).success, JSON.stringify(params)).toBe(false);
    }
  });

  it("rejects an unknown country and an empty time range with a validation error", async () => {
    await expect(listQuery({ country: "Atlantis" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(listQuery({ from: "2026-11-21", to: "2026-11-20" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("activity detail", () => {
  it("returns the raw event, the user's activity within an hour and the alerts that include it", async () => {
    const [before, target, , tooLate, otherUser] = await insert([
      { time: "2026-11-20T09:30:00.000Z" },
      { time: "2026-11-20T10:00:00.000Z" },
      { time: "2026-11-20T10:59:00.000Z" },
      { time: "2026-11-20T11:30:00.000Z" },
      { time: "2026-11-20T10:10:00.000Z", actorId: "acc-other" },
    ]);
    const alertId = randomUUID();
    await db.query(
      `INSERT INTO alerts (id, policy_key, policy_name, severity, connector_id, title, explanation, episode_key, first_activity_at, last_activity_at, updated_at)
       VALUES ($1, 'failed_logins', 'Failed logins', 'high', $2, 'Many failed logins', 'x', 'k1', now(), now(), now())`,
      [alertId, fx.connectorA],
    );
    await db.query("INSERT INTO alert_activities (alert_id, activity_seq) VALUES ($1, $2)", [alertId, target]);
    const detail = await getActivityOrThrow(target!);
    expect(detail.raw).toMatchObject({ id: "evt-2" });
    expect(detail.timeline.map((a) => a.id)).toContain(before);
    expect(detail.timeline.map((a) => a.id)).not.toContain(tooLate);
    expect(detail.timeline.map((a) => a.id)).not.toContain(otherUser);
    expect(detail.alerts).toEqual([expect.objectContaining({ id: alertId, title: "Many failed logins", severity: "high", status: "open" })]);
    await expect(getActivityOrThrow("999999")).rejects.toMatchObject({ code: "not_found" });
  });
});
