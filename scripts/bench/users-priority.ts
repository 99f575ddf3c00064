// npx tsx scripts/bench/users-priority.ts [--users 10000 --iterations 20]
// /users at scale (issue 25): seeds one connector with N Atlassian users, 3 alerts each for a fifth of them
// (policies and severities mixed) and their stored investigation priorities, into a throwaway embedded
// PostgreSQL, then times the service behind GET /api/v1/users (by priority, the default, and by name; first
// page, page 20 through the keyset cursor, a filter) and the detail. Also times the worker recomputing every
// user's priority once (computeUserPriorities). Prints JSON; target: list p95 ≤ 300 ms.
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile, startBenchDatabase } from "./bench-setup";

const { values } = parseArgs({ options: { users: { type: "string", default: "10000" }, iterations: { type: "string", default: "20" } } });
const TARGET_P95_MS = 300;
const log = (line: string) => process.stderr.write(`bench:users-priority: ${line}\n`);
const round = (value: number) => Math.round(value * 10) / 10;

const time = async (iterations: number, run: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < 2; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) };
};

const database = await startBenchDatabase("users-priority");
try {
  const users = Number(values.users);
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, status, updated_at)
     VALUES (gen_random_uuid(), 'Bench', 'bench-org', 'http://127.0.0.1:1', 'x', 'none', 'bench', now() + interval '1 year', now(), 'connected', now()) RETURNING id::text`,
  );
  const connectorId = rows[0]?.id ?? "";
  log(`seeding ${users} users…`);
  await client.query(
    `INSERT INTO atlassian_users (id, connector_id, account_id, name, email, domain, status, is_admin, platform_roles, synced_at)
     SELECT gen_random_uuid(), $1, 'acct-' || i, 'User ' || i, 'user' || i || '@acme.test', 'acme.test', 'active', i % 50 = 0, '{}', now()
     FROM generate_series(1, $2) i`,
    [connectorId, users],
  );
  await client.query(
    `INSERT INTO alerts (id, policy_key, policy_name, severity, status, connector_id, user_account_id, title, explanation, episode_key, first_activity_at, last_activity_at, created_at, updated_at)
     SELECT gen_random_uuid(), (ARRAY['impossible_travel','infrequent_country','anonymous_ip','failed_logins'])[1 + i % 4], 'Policy', (ARRAY['low','medium','high'])[1 + i % 3]::"Severity",
            'open', $1, 'acct-' || (1 + (i * 7) % ($2 / 5)), 'Alert ' || i, 'bench', 'bench:' || i,
            now() - (i % 144) * interval '1 hour', now() - (i % 144) * interval '1 hour', now() - (i % 144) * interval '1 hour', now()
     FROM generate_series(1, $2 / 5 * 3) i`,
    [connectorId, users],
  );
  await client.query("ANALYZE");
  const { computeUserPriorities } = await import("../../lib/server/services/priority/compute-user-priorities");
  const started = performance.now();
  await computeUserPriorities({ connectorId, accountIds: Array.from({ length: users }, (_, i) => `acct-${i + 1}`), now: new Date() });
  const computeAllMs = round(performance.now() - started);
  await client.query("ANALYZE");
  log(`computed ${users} priorities in ${computeAllMs} ms`);

  const { listAtlassianUsers } = await import("../../lib/server/services/atlassian-users/list-atlassian-users");
  const { getAtlassianUserOrThrow } = await import("../../lib/server/services/atlassian-users/get-atlassian-user");
  const { ZAtlassianUsersQuery } = await import("../../lib/shared/schemas/atlassian-users");
  const { disconnectDb } = await import("../../lib/server/db");
  const iterations = Number(values.iterations);
  const list = (query: Record<string, string>) => listAtlassianUsers(ZAtlassianUsersQuery.parse(query));
  const figures: Record<string, { p50Ms: number; p95Ms: number }> = {};
  for (const sort of ["priority", "name"]) {
    figures[`${sort}: first page`] = await time(iterations, () => list({ sort }));
    let cursor = "";
    for (let page = 0; page < 19; page++) cursor = (await list({ sort, ...(cursor ? { cursor } : {}) })).nextCursor ?? "";
    figures[`${sort}: page 20`] = await time(iterations, () => list({ sort, cursor }));
  }
  figures["priority, connectorId + status=active"] = await time(iterations, () => list({ connectorId, status: "active" }));
  figures["priority, q=user12"] = await time(iterations, () => list({ q: "user12" }));
  const top = (await list({})).data[0]?.id ?? "";
  const detail = await time(iterations, () => getAtlassianUserOrThrow(top));
  await client.end();
  await disconnectDb();
  const listP95 = Math.max(...Object.values(figures).map((f) => f.p95Ms));
  console.log(JSON.stringify({ benchmark: "users-priority", users, computeAllMs, list: figures, detail, targetListP95Ms: TARGET_P95_MS, meetsTarget: listP95 <= TARGET_P95_MS }, null, 2));
  process.exitCode = listP95 <= TARGET_P95_MS ? 0 : 1;
} finally {
  await database.stop();
}
