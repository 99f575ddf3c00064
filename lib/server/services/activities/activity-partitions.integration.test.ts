import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import type { DB } from "../../../generated/kysely/types";
import { createAlertFixtures } from "../../../testing/alert-fixtures";
import { recreateDatabase, withDatabase } from "../../../testing/integration-global-setup";
import { applyMigrationsBeforePartitioning, applyPartitioningMigration } from "../../../testing/legacy-schema";
import { openTestDatabase } from "../../../testing/test-database";
import { dropActivityPartition, listActivityPartitions } from "../../repositories/activity-partition-repository";
import { maintainActivityPartitions } from "./maintain-activity-partitions";
import { moveActivitiesToPartitions } from "./move-activities-to-partitions";

const db = openTestDatabase();

const insertActivity = async (client: pg.Client, connectorId: string, eventId: string, time: string) =>
  (
    await client.query<{ seq: string }>(
      `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, raw) VALUES ($1, $2, $3, 'user_login', 'jira', 'acc-ada', '{}')
       ON CONFLICT DO NOTHING RETURNING seq::text`,
      [connectorId, eventId, time],
    )
  ).rows[0]?.seq;

const partitionOf = async (seq: string) =>
  (await db.query<{ part: string }>("SELECT tableoid::regclass::text AS part FROM activities WHERE seq = $1", [seq])).rows[0]?.part;

describe("activities partitions", () => {
  it("store a replayed (connector, event id) once, in every month", async () => {
    const fx = await createAlertFixtures();
    const c = await fx.connector();
    for (const time of ["2020-03-04T05:06:07.008Z", new Date().toISOString()]) {
      expect(await insertActivity(db, c, `evt-${time}`, time)).toBeDefined();
      expect(await insertActivity(db, c, `evt-${time}`, time)).toBeUndefined();
    }
    expect((await db.query("SELECT count(*)::int AS n FROM activities")).rows[0].n).toBe(2);
    await fx.close();
  });

  it("keep an event without its month's partition in the default one, until maintenance creates the month and moves it there", async () => {
    const fx = await createAlertFixtures();
    const c = await fx.connector();
    const old = (await insertActivity(db, c, "evt-old", "2020-03-04T05:06:07.008Z"))!;
    expect(await partitionOf(old)).toBe("activities_default");
    await fx.alert({ connectorId: c, activitySeqs: [BigInt(old)] });
    const now = new Date("2026-12-07T12:00:00.000Z");
    const result = await maintainActivityPartitions({ now, monthsAhead: 3 });
    expect(result.created).toContain("activities_p202003");
    expect(await partitionOf(old)).toBe("activities_p202003");
    // Moved, not deleted: its alert link stays.
    expect((await db.query("SELECT activity_seq::text AS seq FROM alert_activities")).rows).toEqual([{ seq: old }]);
    const names = (await listActivityPartitions()).map((p) => p.name);
    // From the connector's backfill start (its sync_from: now) to three months ahead, and the default partition last.
    expect(names).toEqual(expect.arrayContaining(["activities_p202003", "activities_p202612", "activities_p202701", "activities_p202702", "activities_p202703"]));
    expect(names.at(-1)).toBe("activities_default");
    // Idempotent: a second run creates nothing.
    expect((await maintainActivityPartitions({ now, monthsAhead: 3 })).created).toEqual([]);
    await fx.close();
  });

  it("drop a month whole with its alert links, and refuse anything but a monthly partition", async () => {
    const fx = await createAlertFixtures();
    const c = await fx.connector();
    const old = BigInt((await insertActivity(db, c, "evt-old", "2020-03-04T05:06:07.008Z"))!);
    const recent = BigInt((await insertActivity(db, c, "evt-new", new Date().toISOString()))!);
    await maintainActivityPartitions({ now: new Date(), monthsAhead: 1 });
    const alert = await fx.alert({ connectorId: c, status: "resolved", activitySeqs: [old, recent] });
    expect(await dropActivityPartition("activities_p202003")).toBe(1);
    const links = (await db.query("SELECT activity_seq::text AS seq FROM alert_activities WHERE alert_id = $1", [alert])).rows.map((r) => r.seq);
    expect(links).toEqual([recent.toString()]);
    expect((await db.query("SELECT seq::text FROM activities")).rows.map((r) => r.seq)).toEqual([recent.toString()]);
    await expect(dropActivityPartition("activities_default")).rejects.toThrow(/not a monthly partition/);
    await expect(dropActivityPartition("connectors")).rejects.toThrow(/not a monthly partition/);
    await expect(dropActivityPartition("activities_p199901")).rejects.toThrow(/not a monthly partition/);
    await fx.close();
  });

  it("delete the alert links of deleted activities (no foreign key: a trigger)", async () => {
    const fx = await createAlertFixtures();
    const c = await fx.connector();
    const seq = BigInt((await insertActivity(db, c, "evt-1", new Date().toISOString()))!);
    const kept = BigInt((await insertActivity(db, c, "evt-2", new Date().toISOString()))!);
    await fx.alert({ connectorId: c, activitySeqs: [seq, kept] });
    await db.query("DELETE FROM activities WHERE seq = $1", [seq.toString()]);
    expect((await db.query("SELECT activity_seq::text AS seq FROM alert_activities")).rows.map((r) => r.seq)).toEqual([kept.toString()]);
    await fx.close();
  });
});

describe("moving an unpartitioned activities table", () => {
  const adminUrl = inject("adminDatabaseUrl");

  it("copies in resumable batches while the app writes, then swaps: same rows, same seqs, partitioned", async () => {
    const url = withDatabase(adminUrl, "partition_move");
    await recreateDatabase(adminUrl, "partition_move");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const sql = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
    try {
      // The database as the previous release left it: every migration before the partitioning one, and rows.
      await applyMigrationsBeforePartitioning(client);
      await client.query(
        `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, updated_at)
         VALUES ('00000000-0000-4000-8000-000000000001', 'Org', 'org', 'http://127.0.0.1:1', 'x', 'none', 'org', now() + interval '1 year', now(), now())`,
      );
      const c = "00000000-0000-4000-8000-000000000001";
      await client.query(
        `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, raw, search_text)
         SELECT $1, 'evt-' || i, timestamptz '2026-08-15T00:00:00Z' + i * interval '1 hour', 'user_login', 'jira', 'acc-' || (i % 7), '{}', 'row ' || i
         FROM generate_series(1, 3000) i`,
        [c],
      );
      await applyPartitioningMigration(client);
      expect((await client.query("SELECT relkind FROM pg_class WHERE relname = 'activities'")).rows[0].relkind).toBe("r");

      // A first run stops after its budget (one batch): the progress is stored.
      const first = await moveActivitiesToPartitions({ batchSize: 1000, budgetMs: 0, db: sql });
      expect(first).toMatchObject({ status: "in_progress", copied: 1000 });
      // The app meanwhile: a new event, a replayed one, an update and a delete on the live table.
      await insertActivity(client, c, "evt-new", "2026-12-01T10:00:00Z");
      expect(await insertActivity(client, c, "evt-5", "2026-08-15T05:00:00Z")).toBeUndefined();
      // An alert linked to a row the app then updates: the mirror's delete + insert must not take the link.
      await client.query(
        `INSERT INTO alerts (id, connector_id, policy_key, policy_name, severity, title, explanation, episode_key, first_activity_at, last_activity_at, updated_at)
         VALUES ('00000000-0000-4000-8000-0000000000a1', $1, 'p', 'p', 'low', 't', 'e', 'k', now(), now(), now())`,
        [c],
      );
      await client.query("INSERT INTO alert_activities SELECT '00000000-0000-4000-8000-0000000000a1', seq FROM activities WHERE event_id IN ('evt-10', 'evt-20')");
      await client.query("UPDATE activities SET search_text = 'changed' WHERE event_id IN ('evt-10', 'evt-2500')");
      await client.query("DELETE FROM activities WHERE event_id IN ('evt-20', 'evt-2600')");
      const before = (await client.query("SELECT seq::text, event_id, event_time, search_text FROM activities ORDER BY seq")).rows;

      const rest = await moveActivitiesToPartitions({ batchSize: 1000, db: sql });
      expect(rest.status).toBe("done");
      expect(rest.totalCopied).toBe(before.length);
      expect((await client.query("SELECT relkind FROM pg_class WHERE relname = 'activities'")).rows[0].relkind).toBe("p");
      expect((await client.query("SELECT seq::text, event_id, event_time, search_text FROM activities ORDER BY seq")).rows).toEqual(before);
      // The deleted row's link went with it, the updated row's stayed.
      const links = (await client.query("SELECT a.event_id FROM alert_activities l JOIN activities a ON a.seq = l.activity_seq")).rows;
      expect(links).toEqual([{ event_id: "evt-10" }]);
      expect((await client.query("SELECT count(*)::int AS n FROM alert_activities")).rows[0].n).toBe(1);
      const parts = (await client.query("SELECT DISTINCT tableoid::regclass::text AS p FROM activities ORDER BY 1")).rows.map((r) => r.p);
      expect(parts).toEqual(["activities_p202608", "activities_p202609", "activities_p202610", "activities_p202611", "activities_p202612"]);
      // The sequence carries on, and nothing of the move is left.
      const next = await insertActivity(client, c, "evt-after", "2026-12-02T10:00:00Z");
      expect(BigInt(next!)).toBeGreaterThan(BigInt(before.at(-1)!.seq));
      const leftovers = (await client.query("SELECT relname FROM pg_class WHERE relname IN ('activities_next', 'activities_legacy', 'activities_move_progress')")).rows;
      expect(leftovers).toEqual([]);
      expect(await moveActivitiesToPartitions({ db: sql })).toMatchObject({ status: "not_needed" });
    } finally {
      await sql.destroy();
      await client.end();
    }
  });
});
