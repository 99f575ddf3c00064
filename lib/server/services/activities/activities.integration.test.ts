import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { encodeActivityCursor, ZActivityExportQuery, ZActivityListQuery, type TActivityDto } from "../../../shared/schemas/activities";
import { openTestDatabase } from "../../../testing/test-database";
import { exportActivities } from "./export-activities";
import { getActivityOrThrow } from "./get-activity";
import { listActivities } from "./list-activities";

type Row = Partial<{
  connector: string;
  time: string;
  action: string;
  product: string;
  actorId: string;
  actorName: string;
  actorEmail: string;
  ip: string | null;
  countryCode: string | null;
  country: string | null;
  city: string | null;
  ipCategory: string | null;
  ipTags: string[];
  isAdmin: boolean;
  isImpersonation: boolean;
  targetName: string | null;
  source: "audit_log" | "session_proxy";
}>;

const db = openTestDatabase();
let connectorA: string;
let connectorB: string;
let eventNo = 0;

const insertConnector = async (name: string): Promise<string> => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, updated_at)
     VALUES ($1, $2, $2, 'http://127.0.0.1:1', 'x', 'abcd', $2, now() + interval '1 year', now(), now())`,
    [id, name],
  );
  return id;
};

/** Inserts activities in the order given (seq increases), with search_text built like normalize-event. */
const insert = async (rows: readonly Row[]): Promise<string[]> => {
  const ids: string[] = [];
  for (const r of rows) {
    const e = {
      connector: connectorA, time: "2026-11-20T10:00:00.000Z", action: "user_login", product: "jira", actorId: "acc-ada", actorName: "Ada Lovelace",
      actorEmail: "ada@example.com", ip: "203.0.113.5", countryCode: "GB", country: "United Kingdom", city: "London", ipCategory: null, ipTags: [],
      isAdmin: false, isImpersonation: false, targetName: null, source: "audit_log", ...r,
    };
    const searchText = [e.actorName, e.actorEmail, e.actorId, e.action, e.targetName, e.ip, e.city, e.country].filter(Boolean).join(" ").toLowerCase();
    const { rows: inserted } = await db.query<{ seq: string }>(
      `INSERT INTO activities (connector_id, event_id, event_time, action, action_name, product, actor_id, actor_name, actor_email, ip, country, country_code,
         city, ip_category, ip_tags, is_admin_action, is_impersonation, target_name, search_text, raw, source)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9::inet, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING seq::text`,
      [e.connector, `evt-${++eventNo}`, e.time, e.action, e.product, e.actorId, e.actorName, e.actorEmail, e.ip, e.country, e.countryCode, e.city,
        e.ipCategory, e.ipTags, e.isAdmin, e.isImpersonation, e.targetName, searchText, JSON.stringify({ id: `evt-${eventNo}`, attributes: { action: e.action } }), e.source],
    );
    ids.push(inserted[0]!.seq);
  }
  return ids;
};

const list = async (params: Record<string, unknown>) => listActivities({ query: ZActivityListQuery.parse(params) });
const ids = (data: readonly TActivityDto[]) => data.map((a) => a.id);

beforeEach(async () => {
  eventNo = 0;
  connectorA = await insertConnector("Org A");
  connectorB = await insertConnector("Org B");
});

describe("activity log filters", () => {
  it("returns newest first with eventId, id and connector name", async () => {
    const [older, newer] = await insert([{ time: "2026-11-20T09:00:00.000Z" }, { time: "2026-11-20T11:00:00.000Z" }]);
    const page = await list({});
    expect(ids(page.data)).toEqual([newer, older]);
    expect(page.data[0]).toMatchObject({ id: newer, eventId: "evt-2", connectorName: "Org A", time: "2026-11-20T11:00:00.000Z", countryCode: "GB" });
    expect(page.nextCursor).toBeNull();
  });

  it("filters by time range (from inclusive, to exclusive)", async () => {
    const [a, b] = await insert([{ time: "2026-11-19T00:00:00.000Z" }, { time: "2026-11-20T00:00:00.000Z" }, { time: "2026-11-21T00:00:00.000Z" }]);
    expect(ids((await list({ from: "2026-11-19", to: "2026-11-21T00:00:00Z" })).data)).toEqual([b, a]);
    expect(ids((await list({ from: "2026-11-20T01:00:00+01:00", to: "2026-11-20T00:00:00.001Z" })).data)).toEqual([b]);
  });

  it("filters by user: account id, directory email or name, and raw email without a directory entry", async () => {
    await db.query(
      `INSERT INTO atlassian_users (id, connector_id, account_id, name, email, status, platform_roles, synced_at)
       VALUES (gen_random_uuid(), $1, 'acc-grace', 'Grace Hopper', 'Grace@Example.com', 'active', '{}', now())`,
      [connectorA],
    );
    const [, grace, , stranger] = await insert([{}, { actorId: "acc-grace", actorEmail: "grace@example.com" }, {}, { actorId: "acc-x", actorEmail: "x@other.test" }]);
    expect(ids((await list({ user: "acc-grace" })).data)).toEqual([grace]);
    expect(ids((await list({ user: "grace@example.com" })).data)).toEqual([grace]);
    expect(ids((await list({ user: "grace hopper" })).data)).toEqual([grace]);
    expect(ids((await list({ user: "X@other.test" })).data)).toEqual([stranger]);
    expect((await list({ user: "nobody@nowhere.test" })).data).toEqual([]);
  });

  it("filters by one or several actions (merged newest first)", async () => {
    const [login, failed, , failed2] = await insert([
      { action: "user_login", time: "2026-11-20T01:00:00.000Z" },
      { action: "user_login_failed", time: "2026-11-20T02:00:00.000Z" },
      { action: "user_logout", time: "2026-11-20T03:00:00.000Z" },
      { action: "user_login_failed", time: "2026-11-20T04:00:00.000Z" },
    ]);
    expect(ids((await list({ action: "user_login_failed" })).data)).toEqual([failed2, failed]);
    expect(ids((await list({ action: ["user_login", "user_login_failed"] })).data)).toEqual([failed2, failed, login]);
    const first = await list({ action: ["user_login", "user_login_failed"], limit: 2 });
    expect(ids(first.data)).toEqual([failed2, failed]);
    expect(ids((await list({ action: ["user_login", "user_login_failed"], limit: 2, cursor: first.nextCursor })).data)).toEqual([login]);
  });

  it("filters by source (audit log or session proxy), alone, with other filters and across pages, and carries it in the DTO and the export", async () => {
    const [audit1, proxy1, audit2, proxy2] = await insert([
      { time: "2026-11-20T01:00:00.000Z" },
      { time: "2026-11-20T02:00:00.000Z", source: "session_proxy", action: "proxy_download_attachment", product: "confluence" },
      { time: "2026-11-20T03:00:00.000Z", product: "confluence" },
      { time: "2026-11-20T04:00:00.000Z", source: "session_proxy", action: "proxy_view_page", product: "confluence" },
    ]);
    expect(ids((await list({})).data)).toEqual([proxy2, audit2, proxy1, audit1]);
    expect(ids((await list({ source: "session_proxy" })).data)).toEqual([proxy2, proxy1]);
    expect(ids((await list({ source: "audit_log" })).data)).toEqual([audit2, audit1]);
    expect(ids((await list({ source: "audit_log", product: "confluence" })).data)).toEqual([audit2]);
    expect(ids((await list({ source: "session_proxy", q: "proxy_download" })).data)).toEqual([proxy1]);
    const first = await list({ source: "session_proxy", limit: 1 });
    expect(ids(first.data)).toEqual([proxy2]);
    expect(ids((await list({ source: "session_proxy", limit: 1, cursor: first.nextCursor })).data)).toEqual([proxy1]);
    expect((await list({ source: "" })).data).toHaveLength(4);
    expect((await list({ source: "session_proxy" })).data.map((a) => a.source)).toEqual(["session_proxy", "session_proxy"]);
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
      { ip: "2001:db8::5", connector: connectorB, isAdmin: true, action: "org_admin_granted" },
      { ip: "192.0.2.1", isImpersonation: true, action: "user_logged_in_as_user" },
    ]);
    expect(ids((await list({ product: "confluence" })).data)).toEqual([v4]);
    expect(ids((await list({ ip: "10.1.2.3" })).data)).toEqual([v4]);
    expect(ids((await list({ ip: "10.0.0.0/8" })).data)).toEqual([v4]);
    expect(ids((await list({ ip: "2001:db8::/32" })).data)).toEqual([v6]);
    expect(ids((await list({ country: "Germany" })).data)).toEqual([v4]);
    expect(ids((await list({ country: "de" })).data)).toEqual([v4]);
    expect(ids((await list({ country: "United Kingdom" })).data)).toEqual([other, v6]);
    expect(ids((await list({ ipCategory: "corporate" })).data)).toEqual([v4]);
    expect(ids((await list({ connectorId: connectorB })).data)).toEqual([v6]);
    expect(ids((await list({ adminOnly: "true" })).data)).toEqual([v6]);
    expect(ids((await list({ impersonation: "1" })).data)).toEqual([other]);
    expect(ids((await list({ adminOnly: "false" })).data)).toHaveLength(3);
  });

  it("searches free text as a substring, case-insensitively, with LIKE wildcards taken literally", async () => {
    const [ada, , pct] = await insert([{}, { actorName: "Grace Hopper", actorEmail: "grace@example.com", city: "Paris" }, { targetName: "100% real_user" }]);
    expect(ids((await list({ q: "LOVEL" })).data)).toEqual([pct, ada]);
    expect(ids((await list({ q: "paris" })).data)).toHaveLength(1);
    expect(ids((await list({ q: "100% real_" })).data)).toEqual([pct]);
    expect((await list({ q: "10_%" })).data).toEqual([]);
  });

  it("finds a rare word beyond the newest rows the free-text search scans first", async () => {
    const [rare] = await insert([{ actorName: "Zebulon Quux", time: "2026-01-01T00:00:00.000Z" }]);
    await db.query(
      `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, search_text, raw)
       SELECT $1, 'filler-' || i, timestamptz '2026-11-01' + i * interval '1 second', 'user_login', 'jira', 'acc-f', 'filler ' || i, '{}'
       FROM generate_series(1, 25000) i`,
      [connectorA],
    );
    expect(ids((await list({ q: "zebulon" })).data)).toEqual([rare]);
    const page = await list({ q: "filler 1", limit: 3 });
    expect(page.data.map((a) => a.eventId)).toEqual(["filler-19999", "filler-19998", "filler-19997"]);
    // Nothing beyond the newest rows, and pages across the boundary of the first step.
    expect((await list({ q: "no such word" })).data).toEqual([]);
    const first = await list({ q: "zebulon quux" });
    expect(first.nextCursor).toBeNull();
  });

  it("finds a word that is common only further back than the newest rows (more trigram matches than it sorts itself)", async () => {
    await db.query(
      `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, search_text, raw)
       SELECT $1, 'old-' || i, timestamptz '2026-10-01' + i * interval '1 second', 'user_login', 'jira', 'acc-o', CASE WHEN i <= 3000 THEN 'formerly ' || i ELSE 'filler ' || i END, '{}'
       FROM generate_series(1, 25000) i`,
      [connectorA],
    );
    const page = await list({ q: "formerly", limit: 60 });
    expect(page.data.map((a) => a.eventId)).toEqual(Array.from({ length: 60 }, (_, i) => `old-${3000 - i}`));
    const next = await list({ q: "formerly", limit: 60, cursor: page.nextCursor });
    expect(next.data[0]?.eventId).toBe("old-2940");
    // Asked again, the word is known to be common and the trigram index is skipped: the same rows.
    const again = await list({ q: "formerly", limit: 60 });
    expect(again.data.map((a) => a.id)).toEqual(page.data.map((a) => a.id));
    expect(again.nextCursor).toBe(page.nextCursor);
  });
});

describe("keyset cursor", () => {
  it("pages through everything in a stable order without gaps or repeats while activities arrive", async () => {
    // Equal times on purpose: seq breaks the tie.
    const original = await insert(Array.from({ length: 23 }, (_, i) => ({ time: `2026-11-20T10:00:0${i % 4}.000Z`, connector: i % 2 ? connectorA : connectorB })));
    const expected = (await list({ limit: 500 })).data.map((a) => a.id);
    expect(new Set(expected).size).toBe(23);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list({ limit: 5, ...(cursor ? { cursor } : {}) });
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
    await expect(list({ country: "Atlantis" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(list({ from: "2026-11-21", to: "2026-11-20" })).rejects.toMatchObject({ code: "validation_failed" });
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
      [alertId, connectorA],
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

describe("export", () => {
  const read = async (body: ReadableStream<Uint8Array>) => new Response(body).text();

  it("streams the current filter as CSV (quoted, formula-safe) and NDJSON with raw", async () => {
    await insert([
      { actorName: "=cmd|' /C calc'!A0", targetName: 'say "hi", ok' },
      { action: "user_login_failed", time: "2026-11-20T11:00:00.000Z" },
      { action: "user_login_failed", time: "2026-11-20T12:00:00.000Z", ip: null, countryCode: null, country: null, city: null },
    ]);
    const csv = await exportActivities({ query: ZActivityExportQuery.parse({ format: "csv" }), now: new Date("2026-11-24T01:02:03.456Z"), batchSize: 2 });
    expect(csv.filename).toBe("watchpost-activities-2026-11-24T01-02-03Z.csv");
    const lines = (await read(csv.body)).trimEnd().split("\n");
    expect(lines[0]).toBe("time,id,eventId,connectorName,actorName,actorEmail,actorId,action,actionName,product,targetName,ip,country,countryCode,city,ipCategory,ipTags,isAdminAction,isImpersonation,siteName,connectorId,source");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^2026-11-20T12:00:00Z,3,evt-3,Org A,/);
    expect(lines[3]).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(lines[3]).toContain(`"say ""hi"", ok"`);

    const ndjson = await exportActivities({ query: ZActivityExportQuery.parse({ format: "ndjson", action: "user_login_failed" }), batchSize: 1 });
    const records = (await read(ndjson.body)).trim().split("\n").map((l) => JSON.parse(l) as TActivityDto & { raw: unknown });
    expect(records.map((r) => r.eventId)).toEqual(["evt-3", "evt-2"]);
    expect(records[0]).toMatchObject({ id: "3", action: "user_login_failed", connectorName: "Org A", ip: null, raw: { id: "evt-3" } });
  });

  it("quotes cells that start with a tab or carriage return (spreadsheets treat them as formulas too)", async () => {
    await insert([{ actorName: "\t=1+1", targetName: "\r@SUM(A1)" }]);
    const csv = await read((await exportActivities({ query: ZActivityExportQuery.parse({ format: "csv" }) })).body);
    expect(csv).toContain("'\t=1+1");
    expect(csv).toContain("'\r@SUM(A1)");
  });

  it("continues past a cell with a line break (a quoted newline is not the end of a record)", async () => {
    await insert([{}, { actorName: "Line\nBreak" }, { targetName: "end\r\n" }, {}]);
    const csv = await read((await exportActivities({ query: ZActivityExportQuery.parse({ format: "csv" }), batchSize: 1 })).body);
    const ids = [...csv.matchAll(/^\d{4}-\d\d-\d\dT[^,]+Z,(\d+),/gm)].map((m) => m[1]);
    expect(ids).toEqual(["4", "3", "2", "1"]);
    expect(csv).toContain('"Line\nBreak"');
  });

  it("keeps the free-text export's CSV in the same shape as the plain one", async () => {
    await insert([{ actorName: "Needle, Jr.", targetName: "-1+1" }]);
    const plain = await read((await exportActivities({ query: ZActivityExportQuery.parse({}) })).body);
    const text = await read((await exportActivities({ query: ZActivityExportQuery.parse({ q: "needle" }) })).body);
    const parse = (csv: string) => csv.trimEnd().split("\n").map((l) => l.replaceAll('"', ""));
    expect(parse(text)).toEqual(parse(plain));
    expect(plain).toContain(`"Needle, Jr."`);
    expect(plain).toContain(`,'-1+1,`);
  });

  it("exports many batches completely, newest first, without a gap or a repeat", async () => {
    await db.query(
      `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, search_text, raw)
       SELECT $1, 'bulk-' || i, timestamptz '2026-11-01' + (i / 3) * interval '1 second', 'user_login', 'jira', 'acc-b', 'bulk ' || i, '{}'
       FROM generate_series(1, 25000) i`,
      [connectorA],
    );
    const lines = (await read((await exportActivities({ query: ZActivityExportQuery.parse({}), batchSize: 4000 })).body)).trimEnd().split("\n");
    expect(lines).toHaveLength(25_001);
    const ids = lines.slice(1).map((l) => Number(l.split(",")[1]));
    expect(ids.every((id, i) => i === 0 || id < (ids[i - 1] ?? 0))).toBe(true);
    expect(new Set(ids).size).toBe(25_000);
  });

  it("exports several actions (merged branches) in batch-sized ranges, each row once, newest first", async () => {
    const actions = ["user_login", "user_login_failed", "user_logout"];
    const seqs = await insert(Array.from({ length: 23 }, (_, i) => ({ action: actions[i % 3], time: `2026-11-20T10:00:${String(i % 7).padStart(2, "0")}.000Z` })));
    const file = await exportActivities({ query: ZActivityExportQuery.parse({ format: "ndjson", action: ["user_login", "user_logout"] }), batchSize: 4 });
    const records = (await read(file.body)).trim().split("\n").map((l) => JSON.parse(l) as TActivityDto);
    const expected = seqs.filter((_, i) => i % 3 !== 1);
    expect(records.map((r) => r.id).sort()).toEqual([...expected].sort());
    const order = records.map((r) => [r.time, Number(r.id)] as const);
    expect(order.every(([time, id], i) => i === 0 || time < order[i - 1]![0] || (time === order[i - 1]![0] && id < order[i - 1]![1]))).toBe(true);
  });

  it("neither repeats nor loses a row when activities are stored while the export is read", async () => {
    const before = await insert(Array.from({ length: 12 }, (_, i) => ({ time: `2026-11-20T10:00:${String(10 + i).padStart(2, "0")}.000Z` })));
    const reader = (await exportActivities({ query: ZActivityExportQuery.parse({}), batchSize: 2 })).body.getReader();
    const decoder = new TextDecoder();
    let csv = decoder.decode((await reader.read()).value);
    // Late events: one inside the ranges already being formatted, one further back, one newer than all.
    await insert(["2026-11-20T10:00:20.500Z", "2026-11-20T10:00:11.500Z", "2026-11-20T11:00:00.000Z"].map((time) => ({ time })));
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) csv += decoder.decode(chunk.value);
    const ids = csv.trimEnd().split("\n").slice(1).map((l) => l.split(",")[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(before.every((id) => ids.includes(id))).toBe(true);
  });

  it("runs several exports at once to completion, each complete and in order", async () => {
    const seqs = await insert(Array.from({ length: 9 }, (_, i) => ({ time: `2026-11-20T10:00:0${i}.000Z` })));
    const files = await Promise.all(Array.from({ length: 5 }, () => exportActivities({ query: ZActivityExportQuery.parse({}), batchSize: 2 })));
    const texts = await Promise.all(files.map((f) => read(f.body)));
    for (const csv of texts) expect(csv.trimEnd().split("\n").slice(1).map((l) => l.split(",")[1])).toEqual([...seqs].reverse());
  });

  it("exports several actions in batches (one ordered branch per action) completely, newest first", async () => {
    const seqs = await insert(Array.from({ length: 7 }, (_, i) => ({ time: `2026-11-20T10:00:0${i}.000Z`, action: i % 3 ? "user_login" : "user_logout" })));
    await insert([{ action: "user_login_failed", time: "2026-11-21T00:00:00.000Z" }]);
    const file = await exportActivities({ query: ZActivityExportQuery.parse({ action: ["user_login", "user_logout"] }), batchSize: 2 });
    expect((await read(file.body)).trimEnd().split("\n").slice(1).map((l) => l.split(",")[1])).toEqual([...seqs].reverse());
  });

  it("runs at most 2 exports of one user at once, from the request to the stream's end (429 with Retry-After beyond)", async () => {
    await insert(Array.from({ length: 6 }, (_, i) => ({ time: `2026-11-20T10:00:0${i}.000Z` })));
    const query = ZActivityExportQuery.parse({});
    const start = (userId: string) => exportActivities({ query, userId, batchSize: 2 });
    // Requested together: the first batch of each counts, so the third is refused before any is returned.
    const together = await Promise.allSettled([start("user-a"), start("user-a"), start("user-a")]);
    expect(together.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect((together[2] as PromiseRejectedResult).reason).toMatchObject({ code: "rate_limited", retryAfterSeconds: 5 });
    const [first, second] = together.map((r) => (r.status === "fulfilled" ? r.value : null));
    // Unread streams still hold their slots; another user is not affected.
    await expect(start("user-a")).rejects.toMatchObject({ code: "rate_limited" });
    const other = await start("user-b");
    // A finished export gives its slot back, and so does a cancelled one.
    expect((await read(first!.body)).trimEnd().split("\n")).toHaveLength(7);
    const third = await start("user-a");
    await expect(start("user-a")).rejects.toMatchObject({ code: "rate_limited" });
    await second!.body.cancel();
    const fourth = await start("user-a");
    await Promise.all([read(other.body), read(third.body), read(fourth.body)]);
    await read((await start("user-a")).body);
    // Internal callers (no user) are not limited.
    const internal = await Promise.all(Array.from({ length: 3 }, () => exportActivities({ query, batchSize: 2 })));
    await Promise.all(internal.map((f) => read(f.body)));
  });

  it("exports free-text matches across batches where nothing matches", async () => {
    await insert([{ actorName: "Needle" }, ...Array.from({ length: 7 }, () => ({ time: "2026-11-21T00:00:00.000Z" })), { actorName: "Needle", time: "2026-11-22T00:00:00.000Z" }]);
    const file = await exportActivities({ query: ZActivityExportQuery.parse({ q: "needle" }), batchSize: 3 });
    expect((await read(file.body)).trimEnd().split("\n")).toHaveLength(3);
  });
});
