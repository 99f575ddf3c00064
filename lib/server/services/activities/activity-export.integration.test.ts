import { describe, expect, it } from "vitest";
import { ZActivityExportQuery, type TActivityDto } from "../../../shared/schemas/activities";
import { activityRows } from "./activity-test-rows";
import { exportActivities } from "./export-activities";

// The activity log's CSV and NDJSON export (split from activities.integration.test.ts).
const fx = activityRows();
const { db, insert } = fx;

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
      [fx.connectorA],
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
