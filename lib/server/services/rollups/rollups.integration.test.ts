import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../testing/test-database";
import { listConnectors } from "../connectors/get-connectors";
import { rebuildRollups } from "./rebuild-rollups";
import { updateRollups } from "./update-rollups";

const db = openTestDatabase();

const insertConnector = async (name: string) => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, updated_at)
     VALUES ($1, $2, $3, 'http://127.0.0.1:1', 'x', 'none', $3, now() + interval '1 year', now(), now())`,
    [id, name, `org-${id}`],
  );
  return id;
};

const ACTORS = ["acc-1", "acc-2", "acc-3", "acc-4"];
const ACTIONS = ["user_login", "user_login_failed", "user_logout", "group_created"];
const PRODUCTS = ["jira", "confluence", "admin"];
const PLACES: [string | null, string | null, string | null][] = [["GB", "United Kingdom", "London"], ["DE", "Germany", "Berlin"], [null, null, null]];
let counter = 0;

/** `n` activities spread over the last 3 days (deliberately not in seq order of time), some without IP or country. */
const insertActivities = async (connectorId: string, n: number) => {
  const rows = Array.from({ length: n }, () => {
    counter++;
    const place = PLACES[counter % PLACES.length] ?? [null, null, null];
    return {
      event_id: `e-${counter}-${randomUUID()}`,
      event_time: new Date(Date.now() - ((counter * 7919) % (3 * 86_400)) * 1000).toISOString(),
      action: ACTIONS[counter % ACTIONS.length],
      product: PRODUCTS[counter % PRODUCTS.length],
      actor_id: ACTORS[counter % ACTORS.length],
      actor_name: counter % 5 === 0 ? null : `Name ${counter % ACTORS.length}`,
      actor_email: `${ACTORS[counter % ACTORS.length]}@acme.test`,
      ip: counter % 6 === 0 ? null : `203.0.113.${counter % 3}`,
      country_code: place[0],
      country: place[1],
      city: place[2],
    };
  });
  await db.query(
    `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, actor_name, actor_email, ip, country_code, country, city, raw)
     SELECT $1::uuid, r.event_id, r.event_time, r.action, r.product, r.actor_id, r.actor_name, r.actor_email, r.ip::inet, r.country_code, r.country, r.city, '{}'
     FROM jsonb_to_recordset($2::jsonb) AS r(event_id text, event_time timestamptz, action text, product text, actor_id text, actor_name text,
       actor_email text, ip text, country_code text, country text, city text)`,
    [connectorId, JSON.stringify(rows)],
  );
};

const rowsOf = async (sql: string) => (await db.query(sql)).rows.map((r) => JSON.stringify(r)).sort();

/** Each rollup table next to the same aggregate computed from scratch over activities. */
const expectRollupsMatchActivities = async () => {
  expect(await rowsOf("SELECT connector_id, hour, product, action, count FROM activity_rollups_hourly")).toEqual(
    await rowsOf(
      `SELECT connector_id, date_trunc('hour', event_time, 'UTC') AS hour, product, action, count(*)::int AS count FROM activities GROUP BY 1, 2, 3, 4`,
    ),
  );
  expect(await rowsOf("SELECT connector_id, day::text, product, count, failed_logins FROM activity_rollups_daily_product")).toEqual(
    await rowsOf(
      `SELECT connector_id, ((event_time AT TIME ZONE 'UTC')::date)::text AS day, product, count(*)::int AS count,
         (count(*) FILTER (WHERE action = 'user_login_failed'))::int AS failed_logins FROM activities GROUP BY 1, 2, 3`,
    ),
  );
  expect(await rowsOf("SELECT connector_id, day::text, actor_id, count, failed_logins FROM activity_rollups_daily_actor")).toEqual(
    await rowsOf(
      `SELECT connector_id, ((event_time AT TIME ZONE 'UTC')::date)::text AS day, actor_id, count(*)::int AS count,
         (count(*) FILTER (WHERE action = 'user_login_failed'))::int AS failed_logins FROM activities GROUP BY 1, 2, 3`,
    ),
  );
  expect(await rowsOf("SELECT connector_id, week::text, actor_id, count, failed_logins FROM activity_rollups_weekly_actor")).toEqual(
    await rowsOf(
      `SELECT connector_id, (date_trunc('week', event_time AT TIME ZONE 'UTC')::date)::text AS week, actor_id, count(*)::int AS count,
         (count(*) FILTER (WHERE action = 'user_login_failed'))::int AS failed_logins FROM activities GROUP BY 1, 2, 3`,
    ),
  );
  expect(await rowsOf("SELECT connector_id, day::text, country_code, count FROM activity_rollups_daily_country")).toEqual(
    await rowsOf(
      `SELECT connector_id, ((event_time AT TIME ZONE 'UTC')::date)::text AS day, COALESCE(country_code, '') AS country_code, count(*)::int AS count
       FROM activities GROUP BY 1, 2, 3`,
    ),
  );
  expect(await rowsOf("SELECT connector_id, actor_id, ip, first_seen, last_seen, count FROM user_locations_seen")).toEqual(
    await rowsOf(
      `SELECT connector_id, actor_id, COALESCE(host(ip), '') AS ip, min(event_time) AS first_seen, max(event_time) AS last_seen, count(*)::int AS count
       FROM activities GROUP BY 1, 2, 3`,
    ),
  );
};

describe("rollups", () => {
  it("equal a GROUP BY over activities after several batches, replays and two concurrent consumers", async () => {
    const a = await insertConnector("A");
    const b = await insertConnector("B");
    await insertActivities(a, 120);
    await insertActivities(b, 45);

    const first = await updateRollups({ batchSize: 17 });
    expect(first).toMatchObject({ activities: 165, isCaughtUp: true });
    expect(first.batches).toBeGreaterThan(5);
    await expectRollupsMatchActivities();

    // A replay (the job again, nothing new) changes nothing.
    expect((await updateRollups({ batchSize: 17 })).activities).toBe(0);
    await expectRollupsMatchActivities();

    // New activities while two consumers race: each batch is counted once.
    await insertActivities(a, 300);
    await insertActivities(b, 200);
    const [x, y] = await Promise.all([updateRollups({ batchSize: 9 }), updateRollups({ batchSize: 9 })]);
    const [x2, y2] = await Promise.all([updateRollups({ batchSize: 9 }), updateRollups({ batchSize: 9 })]);
    expect((x?.activities ?? 0) + (y?.activities ?? 0) + (x2?.activities ?? 0) + (y2?.activities ?? 0)).toBe(500);
    await expectRollupsMatchActivities();

    // The latest location of an IP wins; first/last seen span every activity.
    const location = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM user_locations_seen u WHERE u.country_code IS DISTINCT FROM (
         SELECT country_code FROM activities x WHERE x.connector_id = u.connector_id AND x.actor_id = u.actor_id AND COALESCE(host(x.ip), '') = u.ip
         ORDER BY event_time DESC, seq DESC LIMIT 1)`,
    );
    expect(location.rows[0]?.n).toBe("0");
  });

  it("rebuild recomputes from activities, and incremental updates continue after it", async () => {
    const a = await insertConnector("A");
    await insertActivities(a, 80);
    await updateRollups({ batchSize: 10 });
    await db.query("UPDATE activity_rollups_hourly SET count = count + 1000");
    expect(await rebuildRollups()).toEqual({ activities: 80, connectors: 1 });
    await expectRollupsMatchActivities();
    await insertActivities(a, 25);
    expect((await updateRollups()).activities).toBe(25);
    await expectRollupsMatchActivities();
  });

  it("feed the connectors' activities in the last 24 h, and go with a deleted connector", async () => {
    const a = await insertConnector("A");
    await insertActivities(a, 90);
    await updateRollups();
    const expected = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM activities WHERE event_time >= date_trunc('hour', now() - interval '23 hours', 'UTC')",
    );
    const [connector] = await listConnectors();
    expect(connector?.stats.activitiesLast24h).toBe(Number(expected.rows[0]?.n));

    await db.query("DELETE FROM connectors WHERE id = $1", [a]);
    await updateRollups();
    const left = await db.query<{ n: string }>(
      "SELECT (SELECT count(*) FROM activity_rollups_hourly) + (SELECT count(*) FROM user_locations_seen) + (SELECT count(*) FROM activity_consumer_cursors) AS n",
    );
    expect(left.rows[0]?.n).toBe("0");
  });
});
