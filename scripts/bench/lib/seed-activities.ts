// Bulk seeder for benchmarks: connectors, Atlassian users and millions of realistic activities, generated
// inside PostgreSQL (INSERT … SELECT FROM generate_series, no row ever crosses the wire) in batches, with the
// activities indexes dropped during the load and recreated afterwards exactly as the migration defines them.
// Deterministic: every random choice is hashint8extended(row, seed), so the same options give the same rows.
import pg from "pg";
import { EVENT_ACTIONS, isAdministrativeAction } from "../../../lib/atlassian";
import { findCountry } from "../../../lib/geo/countries";

export type SeedActivitiesOptions = Readonly<{
  databaseUrl: string;
  connectors?: number;
  users?: number;
  days?: number;
  activities?: number;
  /** The newest activity is just before this instant. */
  now?: Date;
  seed?: number;
  batchSize?: number;
  /** Connections loading batches and building indexes side by side (one per core is the point). */
  streams?: number;
  /** Keep a database seeded by an earlier run with the same options instead of seeding again. */
  reuse?: boolean;
  /** With reuse: also keep one whose oldest months an earlier run's retention removed (the result counts what is left). */
  reuseAfterRetention?: boolean;
  onProgress?: (inserted: number, total: number) => void;
}>;

export type SeededUser = Readonly<{ connectorId: string; accountId: string; name: string; email: string }>;

export type SeedActivitiesResult = Readonly<{
  connectors: readonly { id: string; name: string }[];
  users: readonly SeededUser[];
  activities: number;
  from: Date;
  to: Date;
  /** The busiest user, for benchmarks filtering by user. */
  busiestUser: SeededUser;
  countries: readonly string[];
  loadSeconds: number;
  indexSeconds: number;
  /** True when an earlier run's rows were kept (load and index seconds are then 0). */
  reused: boolean;
}>;

// Weights per 10,000 activities: mostly logins, some failed logins, a trickle of admin actions.
const ACTION_WEIGHTS: Readonly<Record<string, number>> = {
  user_login: 5600,
  user_logout: 1900,
  user_login_failed: 700,
  user_password_reset_requested: 150,
  user_added_to_group: 350,
  user_removed_from_group: 200,
  product_access_granted: 250,
  product_access_revoked: 120,
  user_api_token_created: 120,
  user_api_token_revoked: 60,
  user_email_changed: 40,
  group_created: 60,
  group_deleted: 30,
  user_access_suspended: 40,
  user_access_restored: 30,
  user_deactivated: 30,
  user_reactivated: 20,
  user_logged_in_as_user: 25,
  org_admin_granted: 15,
  org_admin_revoked: 10,
  api_key_created: 10,
  api_key_revoked: 5,
  authentication_policy_updated: 10,
  two_step_verification_enforced: 5,
  two_step_verification_disabled: 5,
  password_policy_updated: 5,
  session_duration_updated: 5,
  mobile_policy_updated: 5,
  data_security_policy_updated: 5,
  domain_verified: 3,
  domain_removed: 2,
};

// ~40 countries with one city each: [ISO code, city, lat, lon, weight as a home country].
const PLACES: readonly [string, string, number, number, number][] = [
  ["US", "New York", 40.71, -74.01, 30], ["US", "San Francisco", 37.77, -122.42, 20], ["GB", "London", 51.51, -0.13, 12],
  ["DE", "Berlin", 52.52, 13.4, 10], ["FR", "Paris", 48.86, 2.35, 8], ["IN", "Bengaluru", 12.97, 77.59, 10],
  ["AU", "Sydney", -33.87, 151.21, 8], ["CA", "Toronto", 43.65, -79.38, 6], ["NL", "Amsterdam", 52.37, 4.9, 4],
  ["ES", "Madrid", 40.42, -3.7, 3], ["IT", "Milan", 45.46, 9.19, 3], ["PL", "Warsaw", 52.23, 21.01, 4],
  ["BR", "São Paulo", -23.55, -46.63, 4], ["JP", "Tokyo", 35.68, 139.69, 3], ["SG", "Singapore", 1.35, 103.82, 2],
  ["IE", "Dublin", 53.35, -6.26, 2], ["SE", "Stockholm", 59.33, 18.07, 2], ["CH", "Zurich", 47.38, 8.54, 2],
  ["AT", "Vienna", 48.21, 16.37, 1], ["BE", "Brussels", 50.85, 4.35, 1], ["DK", "Copenhagen", 55.68, 12.57, 1],
  ["NO", "Oslo", 59.91, 10.75, 1], ["FI", "Helsinki", 60.17, 24.94, 1], ["PT", "Lisbon", 38.72, -9.14, 1],
  ["CZ", "Prague", 50.08, 14.44, 1], ["UA", "Kyiv", 50.45, 30.52, 1], ["RO", "Bucharest", 44.43, 26.1, 1],
  ["IL", "Tel Aviv", 32.09, 34.78, 1], ["AE", "Dubai", 25.2, 55.27, 1], ["ZA", "Cape Town", -33.92, 18.42, 1],
  ["MX", "Mexico City", 19.43, -99.13, 1], ["AR", "Buenos Aires", -34.6, -58.38, 1], ["CO", "Bogotá", 4.71, -74.07, 1],
  ["NZ", "Auckland", -36.85, 174.76, 1], ["KR", "Seoul", 37.57, 126.98, 1], ["VN", "Ho Chi Minh City", 10.82, 106.63, 1],
  ["PH", "Manila", 14.6, 120.98, 1], ["TR", "Istanbul", 41.01, 28.98, 1], ["EG", "Cairo", 30.04, 31.24, 1],
  ["NG", "Lagos", 6.52, 3.38, 1], ["RU", "Moscow", 55.76, 37.62, 0], ["CN", "Shanghai", 31.23, 121.47, 0],
];

const FIRST = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "John", "Radia", "Tim", "Hedy", "Edsger", "Katherine", "Donald", "Sophie", "Niklaus", "Joan", "Guido"];
const LAST = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "McCarthy", "Perlman", "Berners-Lee", "Lamarr", "Dijkstra", "Johnson", "Knuth", "Wilson", "Wirth", "Clarke", "van Rossum"];

/** The CREATE INDEX statements of the activities table, read from the catalog (so they match the migration). */
const readIndexDefinitions = async (client: pg.Client): Promise<{ name: string; sql: string }[]> =>
  (
    await client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.tablename = 'activities' AND i.schemaname = current_schema()
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    )
  ).rows.map((r) => ({ name: r.indexname, sql: r.indexdef.replace(" ON ONLY ", " ON ") })); // a partitioned index, recreated on every partition

const expand = <T>(entries: readonly (readonly [T, number])[]): T[] => entries.flatMap(([v, w]) => Array<T>(w).fill(v));

/** Seeds connectors, users and activities; see the file header. */
export const seedActivities = async (options: SeedActivitiesOptions): Promise<SeedActivitiesResult> => {
  const { databaseUrl, connectors: connectorCount = 2, users: userCount = 2000, days = 90, activities = 5_000_000, seed = 42 } = options;
  const batchSize = options.batchSize ?? 250_000;
  const to = options.now ?? new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const streams = await Promise.all(
    Array.from({ length: Math.max(1, options.streams ?? 2) }, async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query("SET maintenance_work_mem = '512MB'");
      return c;
    }),
  );
  const client = streams[0]!;
  try {
    const connectors = Array.from({ length: connectorCount }, (_, i) => ({ id: uuidFrom(seed, i), name: `Bench org ${i + 1}` }));
    if (options.reuse) {
      const kept = await readKeptSeed(client, { connectors, userCount, activities, from, to }, options.reuseAfterRetention === true);
      if (kept) return kept;
      await client.query("TRUNCATE activities, atlassian_users, connectors CASCADE");
    }
    for (const [i, c] of connectors.entries()) {
      await client.query(
        `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at,
           status, backfill_days, sync_from, initial_sync_done_at, is_caught_up, updated_at)
         VALUES ($1, $2, $3, 'http://127.0.0.1:1', 'bench:not-a-key', 'none', $4, now() + interval '1 year', 'connected', $5, $6, now(), true, now())`,
        [c.id, c.name, `bench-org-${i + 1}`, `bench-bucket-${i + 1}`, days, from],
      );
    }

    // Users: each belongs to one connector and has a home place and an IPv4 (5% IPv6) home address.
    const homePlaces = expand(PLACES.map((p, i) => [i, p[4]] as const));
    const users = Array.from({ length: userCount }, (_, i) => {
      const first = FIRST[i % FIRST.length] ?? "Ada";
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length] ?? "Lovelace";
      const connector = connectors[i % connectorCount] ?? connectors[0]!;
      const place = homePlaces[hash32(seed, i, 1) % homePlaces.length] ?? 0;
      const h = hash32(seed, i, 2);
      const ip = hash32(seed, i, 3) % 20 === 0 ? `2001:db8:${(h >>> 16).toString(16)}::${(h & 0xffff).toString(16)}` : `${11 + (h % 180)}.${(h >>> 8) & 255}.${(h >>> 16) & 255}.${1 + ((h >>> 24) % 254)}`;
      return {
        connectorId: connector.id,
        accountId: `5b10ac8d82e05b22cc7d${i.toString(16).padStart(4, "0")}`,
        name: `${first} ${last} ${i}`,
        email: `${first}.${last}.${i}`.toLowerCase().replace(/[^a-z0-9.]/g, "") + `@bench${(i % connectorCount) + 1}.example.com`,
        isAdmin: i % 50 === 0,
        place,
        ip,
      };
    });
    await client.query(
      `INSERT INTO atlassian_users (id, connector_id, account_id, name, email, domain, status, is_admin, platform_roles, synced_at)
       SELECT gen_random_uuid(), u.connector_id, u.account_id, u.name, u.email, split_part(u.email, '@', 2), 'active', u.is_admin,
              CASE WHEN u.is_admin THEN ARRAY['org-admin'] ELSE ARRAY[]::text[] END, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[]) AS u(connector_id, account_id, name, email, is_admin)`,
      [users.map((u) => u.connectorId), users.map((u) => u.accountId), users.map((u) => u.name), users.map((u) => u.email), users.map((u) => u.isAdmin)],
    );

    const actionKeys = expand(Object.entries(ACTION_WEIGHTS));
    const definitions = new Map(EVENT_ACTIONS.map((a) => [a.key, a]));
    // The lookup tables are temp tables, so each stream's session gets its own.
    const prepareLookups = async (c: pg.Client) => {
      await c.query("DROP TABLE IF EXISTS pg_temp.seed_users, pg_temp.seed_actions, pg_temp.seed_places");
      await c.query(
        `CREATE TEMP TABLE seed_users AS SELECT ord::int AS u, connector_id, account_id, name, email, place, ip
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[]) WITH ORDINALITY AS x(connector_id, account_id, name, email, place, ip, ord)`,
        [users.map((u) => u.connectorId), users.map((u) => u.accountId), users.map((u) => u.name), users.map((u) => u.email), users.map((u) => u.place + 1), users.map((u) => u.ip)],
      );
      await c.query(
        `CREATE TEMP TABLE seed_actions AS SELECT ord::int AS a, action, display_name, action_group, is_admin
         FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) WITH ORDINALITY AS x(action, display_name, action_group, is_admin, ord)`,
        [actionKeys, actionKeys.map((k) => definitions.get(k)?.displayName ?? null), actionKeys.map((k) => definitions.get(k)?.group ?? null), actionKeys.map((k) => isAdministrativeAction(k))],
      );
      await c.query(
        `CREATE TEMP TABLE seed_places AS SELECT ord::int AS pl, code, country, city, lat, lon
         FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[]) WITH ORDINALITY AS x(code, country, city, lat, lon, ord)`,
        [PLACES.map((p) => p[0]), PLACES.map((p) => findCountry(p[0])?.name ?? p[0]), PLACES.map((p) => p[1]), PLACES.map((p) => p[2]), PLACES.map((p) => p[3])],
      );
      await c.query("ANALYZE pg_temp.seed_users; ANALYZE pg_temp.seed_actions; ANALYZE pg_temp.seed_places");
    };
    await Promise.all(streams.map(prepareLookups));

    // Each month's partition before its rows (else they would all go to the default partition). An activities table
    // still unpartitioned (the partitioning migration's move bench seeds one) has none.
    const { rows: partitioned } = await client.query("SELECT 1 FROM pg_class WHERE relname = 'activities' AND relkind = 'p'");
    if (partitioned.length > 0) {
      await client.query(
        `SELECT activities_ensure_partition(m AT TIME ZONE 'UTC')
         FROM generate_series(date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC'), $2::timestamptz AT TIME ZONE 'UTC', interval '1 month') m`,
        [from, to],
      );
    }
    const indexes = await readIndexDefinitions(client);
    for (const index of indexes) await client.query(`DROP INDEX ${quoteIdent(index.name)}`);
    const loadStarted = performance.now();
    // Seqs are given explicitly (row i gets base + i + 1) so that they follow time whichever stream inserts first.
    const { rows: base } = await client.query<{ seq: string }>("SELECT coalesce(max(seq), 0)::text AS seq FROM activities");
    const batches = Array.from({ length: Math.ceil(activities / batchSize) }, (_, k) => k * batchSize);
    let inserted = 0;
    await drain(streams, batches, async (c, start) => {
      const end = Math.min(activities, start + batchSize);
      await c.query(INSERT_BATCH_SQL, [start, end - 1, activities, seed, from, to.getTime() - from.getTime(), userCount, actionKeys.length, PLACES.length, base[0]?.seq ?? "0"]);
      inserted += end - start;
      options.onProgress?.(inserted, activities);
    });
    await client.query(
      `SELECT setval(pg_get_serial_sequence('activities', 'seq'), greatest((SELECT coalesce(max(seq), 1) FROM activities), (SELECT last_value FROM activities_seq_seq)))`,
    );
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const indexStarted = performance.now();
    await rebuildIndexes(client, streams, indexes);
    await client.query("ANALYZE activities");
    await client.query("ANALYZE atlassian_users");
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    for (const c of connectors) {
      await client.query("UPDATE connectors SET activities_stored = (SELECT count(*) FROM activities WHERE connector_id = $1) WHERE id = $1", [c.id]);
    }
    const busiest = await busiestActor(client, to);
    const seededUsers = users.map(({ connectorId, accountId, name, email }) => ({ connectorId, accountId, name, email }));
    const busiestUser = seededUsers.find((u) => u.accountId === busiest) ?? seededUsers[0]!;
    return {
      connectors,
      users: seededUsers,
      activities,
      from,
      to,
      busiestUser,
      countries: [...new Set(PLACES.map((p) => p[0]))],
      loadSeconds,
      indexSeconds,
      reused: false,
    };
  } finally {
    await Promise.all(streams.map((c) => c.end()));
  }
};

/** Runs every job on whichever stream is free, one job per stream at a time. */
const drain = async <T>(streams: readonly pg.Client[], jobs: readonly T[], run: (c: pg.Client, job: T) => Promise<void>) => {
  const queue = [...jobs];
  await Promise.all(
    streams.map(async (c) => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) await run(c, job);
    }),
  );
};

/**
 * Recreates the dropped indexes with every stream busy. A partitioned table's indexes are built partition by
 * partition (GIN first: they take longest), unnamed so PostgreSQL names them as it would; the parent's CREATE INDEX
 * then finds an equal index on each partition and attaches it instead of building. A plain table builds its
 * indexes side by side (CREATE INDEX takes a SHARE lock, which does not block another CREATE INDEX).
 */
const rebuildIndexes = async (client: pg.Client, streams: readonly pg.Client[], indexes: readonly { name: string; sql: string }[]) => {
  const { rows: partitions } = await client.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'activities'::regclass ORDER BY c.relname",
  );
  const byCost = [...indexes].sort((a, b) => Number(/USING gin/i.test(b.sql)) - Number(/USING gin/i.test(a.sql)));
  const perPartition = byCost.flatMap((index) =>
    partitions.map((p) => index.sql.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, (_m, unique: string | undefined) => `CREATE ${unique ?? ""}INDEX ON ${quoteIdent(p.name)} `)),
  );
  await drain(streams, partitions.length > 0 ? perPartition : byCost.map((i) => i.sql), (c, sql) => c.query(sql).then(() => undefined));
  if (partitions.length > 0) for (const index of indexes) await client.query(index.sql);
};

const busiestActor = async (client: pg.Client, to: Date): Promise<string | undefined> =>
  (
    await client.query<{ actor_id: string }>("SELECT actor_id FROM activities WHERE event_time > $1 GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1", [
      new Date(to.getTime() - 86_400_000),
    ])
  ).rows[0]?.actor_id;

/** The result of an earlier seed with the same shape, or null when the database holds something else. */
const readKeptSeed = async (
  client: pg.Client,
  shape: Readonly<{ connectors: { id: string; name: string }[]; userCount: number; activities: number; from: Date; to: Date }>,
  afterRetention = false,
): Promise<SeedActivitiesResult | null> => {
  // What an earlier run added beside the seed (bench:scale's live simulator org) goes first.
  if (afterRetention) await client.query("DELETE FROM connectors WHERE id <> ALL($1::uuid[])", [shape.connectors.map((c) => c.id)]);
  const counts = await client.query<{ connectors: string; users: string; activities: string }>(
    `SELECT (SELECT count(*) FROM connectors WHERE id = ANY($1::uuid[])) AS connectors, (SELECT count(*) FROM atlassian_users) AS users,
            (SELECT count(*) FROM activities) AS activities`,
    [shape.connectors.map((c) => c.id)],
  );
  const row = counts.rows[0];
  const left = Number(row?.activities ?? 0);
  const isSameRows = left === shape.activities || (afterRetention && left > 0 && left < shape.activities);
  if (!row || Number(row.connectors) !== shape.connectors.length || Number(row.users) !== shape.userCount || !isSameRows) return null;
  const users = (
    await client.query<{ connector_id: string; account_id: string; name: string; email: string }>(
      "SELECT connector_id::text, account_id, name, email FROM atlassian_users ORDER BY account_id",
    )
  ).rows.map((u) => ({ connectorId: u.connector_id, accountId: u.account_id, name: u.name, email: u.email }));
  const busiest = await busiestActor(client, shape.to);
  return {
    connectors: shape.connectors,
    users,
    activities: left,
    from: shape.from,
    to: shape.to,
    busiestUser: users.find((u) => u.accountId === busiest) ?? users[0]!,
    countries: [...new Set(PLACES.map((p) => p[0]))],
    loadSeconds: 0,
    indexSeconds: 0,
    reused: true,
  };
};

// Row i of n: time spread evenly from `from` (so seq follows time, as sync stores them) with jitter; a user
// skewed towards the first ones (some accounts are much busier); mostly the home place, 4% elsewhere.
// Lookups go through small temp tables (hash joins): subscripting big array parameters per row is O(n).
const INSERT_BATCH_SQL = `
  WITH r AS (
    SELECT i,
      abs(hashint8extended(i, $4)) AS h1, abs(hashint8extended(i, $4 + 1)) AS h2, abs(hashint8extended(i, $4 + 2)) AS h3,
      abs(hashint8extended(i, $4 + 3)) AS h4
    FROM generate_series($1::bigint, $2::bigint) AS i
  ), q AS (
    SELECT r.*,
      1 + floor($7::int * power((r.h1 % 1000003) / 1000003.0, 1.6))::int AS u,
      1 + (r.h2 % $8::int)::int AS a,
      CASE WHEN r.h3 % 100 < 4 THEN 1 + (r.h3 / 100 % $9::int)::int ELSE NULL END AS away,
      CASE WHEN r.h3 % 100 < 4 THEN (11 + r.h4 % 180) || '.' || (r.h4 / 256 % 256) || '.' || (r.h4 / 65536 % 256) || '.' || (1 + r.h4 / 16777216 % 254)
           ELSE NULL END AS away_ip,
      ($5::timestamptz + make_interval(secs => (($6::float8 / 1000) * (r.i + 0.5 + ((r.h1 % 1000) / 1000.0 - 0.5)) / $3))) AS t
    FROM r
  ), v AS (
    SELECT q.i, q.t, q.h2, q.h4, u.connector_id AS conn, u.account_id AS actor, u.name AS aname, u.email AS aemail,
      a.action AS act, a.display_name AS act_name, a.action_group AS act_group, a.is_admin,
      a.action = 'user_logged_in_as_user' OR q.h4 % 2000 = 0 AS imp,
      coalesce(q.away_ip, u.ip) AS ip_text, pl.code AS ccode, pl.country AS cname, pl.city, pl.lat, pl.lon,
      CASE WHEN a.is_admin OR a.action = 'user_logged_in_as_user' OR q.h4 % 2000 = 0 THEN tu.name ELSE NULL END AS target
    FROM q
    JOIN pg_temp.seed_users u ON u.u = q.u
    JOIN pg_temp.seed_actions a ON a.a = q.a
    JOIN pg_temp.seed_places pl ON pl.pl = coalesce(q.away, u.place)
    JOIN pg_temp.seed_users tu ON tu.u = 1 + (q.h4 / 7 % $7::int)::int
  )
  INSERT INTO activities (seq, connector_id, event_id, event_time, processed_at, stored_at, action, action_name, action_group, product, site_id,
    site_name, actor_id, actor_name, actor_email, on_behalf_of_id, auth_type, is_system, is_admin_action, is_impersonation, targets,
    target_name, ip, country, country_code, city, lat, lon, location_source, ip_category, ip_tags, message, search_text, raw)
  SELECT $10::bigint + v.i + 1, v.conn, 'bench-' || v.i, v.t, v.t + interval '2 seconds', v.t + interval '1 minute', v.act, v.act_name, v.act_group,
    CASE WHEN v.is_admin THEN 'admin' ELSE (ARRAY['jira','jira','jira','confluence','confluence','bitbucket','admin'])[1 + (v.h2 / 100 % 7)::int] END,
    'site-' || left(v.conn::text, 8), 'bench-' || left(v.conn::text, 8) || '.atlassian.net',
    v.actor, v.aname, v.aemail, CASE WHEN v.imp THEN 'support-agent' ELSE NULL END, 'session', false, v.is_admin, v.imp,
    CASE WHEN v.target IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('type', 'users', 'id', NULL, 'name', v.target)) END,
    v.target, v.ip_text::inet, v.cname, v.ccode, v.city, v.lat, v.lon, 'event',
    CASE WHEN v.h4 % 100 < 3 THEN 'corporate' WHEN v.h4 % 100 = 3 THEN 'vpn' WHEN v.h4 % 1000 = 40 THEN 'risky' ELSE NULL END,
    CASE WHEN v.h4 % 1000 = 40 THEN ARRAY['tor'] WHEN v.h4 % 100 = 3 THEN ARRAY['vpn'] WHEN v.h4 % 100 < 3 THEN ARRAY['office'] ELSE ARRAY[]::text[] END,
    NULL,
    lower(concat_ws(' ', v.aname, v.aemail, v.actor, v.act_name, v.act, v.target, v.ip_text, v.city, v.cname,
      'bench-' || left(v.conn::text, 8) || '.atlassian.net')),
    jsonb_build_object('id', 'bench-' || v.i, 'type', 'events', 'attributes', jsonb_build_object(
      'time', to_char(v.t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'action', v.act,
      'actor', jsonb_build_object('id', v.actor, 'name', v.aname, 'email', v.aemail),
      'location', jsonb_build_object('ip', v.ip_text, 'countryName', v.cname, 'city', v.city)))
  FROM v`;

const hash32 = (seed: number, i: number, salt: number): number => {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35) ^ Math.imul(salt + 7, 0x27d4eb2f)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
};

const uuidFrom = (seed: number, i: number): string => {
  const hex = [0, 1, 2, 3].map((k) => hash32(seed, i, 100 + k).toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
