import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZAlertPatchInput } from "../../../shared/schemas/alerts";
import { ZAtlassianUsersQuery } from "../../../shared/schemas/atlassian-users";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { createSimOrg, postEvents } from "../../../testing/sim-org";
import { querySql } from "../../../testing/test-database";
import { updateAlertForActor } from "../alerts/update-alert";
import { getAtlassianUserOrThrow } from "../atlassian-users/get-atlassian-user";
import { listAtlassianUsers } from "../atlassian-users/list-atlassian-users";
import { createConnector } from "../connectors/create-connector";
import { ensureBuiltinPolicies } from "../detection/ensure-builtin-policies";
import { listAlerts } from "../detection/list-alerts";
import { runDetectionPass } from "../detection/run-detection-pass";
import { runSyncPass } from "../sync/run-sync-pass";
import { runPriorityRound } from "./run-priority-round";

let sim: TRunningSimulator;
const logger = pino({ level: "silent" });
const DAY = 86_400_000;
const LONDON = { ip: "81.2.69.142", geo: "51.5072,-0.1276", countryName: "United Kingdom", city: "London" };
const SYDNEY = { ip: "1.120.45.8", geo: "-33.8688,151.2093", countryName: "Australia", city: "Sydney" };

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await resetDatabase();
  await ensureBuiltinPolicies();
});

/** A user with 12 days of London history, then failed logins (an alert), travel to Sydney (alerts) and a small burst of failures (no alert). */
const plant = async () => {
  const { principal } = await makeUser("admin");
  const org = await createSimOrg(sim.baseUrl);
  const connector = await createConnector({ actor: principal, input: { name: "Acme", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  const user = org.users[1] as { accountId: string; name: string; email: string };
  const quiet = org.users[2] as { accountId: string; name: string; email: string };
  const event = (who: typeof user, timeMs: number, action: string, location: typeof LONDON) => ({
    id: randomUUID(),
    type: "events",
    attributes: { time: new Date(timeMs).toISOString(), action, actor: { id: who.accountId, name: who.name, email: who.email }, location },
    message: { content: action, format: "simple" },
  });
  const now = Date.now();
  await postEvents(sim.baseUrl, org.orgId, [
    ...Array.from({ length: 10 }, (_, d) => event(user, now - (12 - d) * DAY, "user_login", LONDON)),
    ...Array.from({ length: 10 }, (_, d) => event(quiet, now - (12 - d) * DAY, "user_login", LONDON)),
    ...Array.from({ length: 3 }, (_, i) => event(user, now - 2 * DAY + i * 60_000, "user_login_failed", LONDON)),
    ...Array.from({ length: 15 }, (_, i) => event(user, now - DAY + i * 10_000, "user_login_failed", LONDON)),
    event(user, now - 1_000_000, "user_login", LONDON),
    event(user, now - 100_000, "user_login", SYDNEY),
  ]);
  await runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger });
  await runDetectionPass({ connectorId: connector.id });
  const { id } = (await listAtlassianUsers(ZAtlassianUsersQuery.parse({ q: user.email }))).data[0] ?? { id: "" };
  return { principal, connector, user, quiet, userId: id };
};

const cursorOf = async (consumer: string, connectorId: string) =>
  (await querySql<{ s: string }>("SELECT last_seq::text AS s FROM activity_consumer_cursors WHERE consumer = $1 AND connector_id = $2", [consumer, connectorId]))[0]?.s;

describe("investigation priority maintained by the worker", () => {
  it("scores the users detection touched, explains every point, and sorts /users by it", async () => {
    const { connector, user, quiet, userId } = await plant();
    const alerts = (await listAlerts({ limit: 50, user: user.accountId })).data;
    expect(alerts.map((a) => a.policyKey).sort()).toEqual(["failed_logins", "impossible_travel", "infrequent_country"]);

    const round = await runPriorityRound();
    expect(round.users).toBeGreaterThanOrEqual(2);
    expect(await cursorOf("priority", connector.id)).toBe(await cursorOf("detection", connector.id));

    const detail = await getAtlassianUserOrThrow(userId);
    const { contributions, score, trend } = detail.priority;
    expect(score).toBeGreaterThan(0);
    expect(contributions.reduce((s, c) => s + c.points, 0)).toBe(score);
    expect(trend[6]).toBe(score);
    expect(contributions.filter((c) => c.kind === "alert").map((c) => c.id).sort()).toEqual(alerts.map((a) => a.id).sort());
    // The 3 failures two days ago raised no alert: they count as unusual activity.
    expect(contributions.filter((c) => c.kind === "activity").map((c) => c.label)).toEqual(["3 failed sign-ins within 2 min"]);

    const list = await listAtlassianUsers(ZAtlassianUsersQuery.parse({ connectorId: connector.id }));
    expect(list.data[0]).toMatchObject({ accountId: user.accountId, priority: { score, trend } });
    expect(list.data.find((u) => u.accountId === quiet.accountId)?.priority).toEqual({ score: 0, trend: [0, 0, 0, 0, 0, 0, 0] });
    // Keyset pages by priority cover every user once.
    const page1 = await listAtlassianUsers(ZAtlassianUsersQuery.parse({ connectorId: connector.id, limit: "1" }));
    const page2 = await listAtlassianUsers(ZAtlassianUsersQuery.parse({ connectorId: connector.id, limit: "50", cursor: page1.nextCursor }));
    expect([...page1.data, ...page2.data].map((u) => u.id)).toEqual(list.data.map((u) => u.id));
    // By name, as before.
    const byName = await listAtlassianUsers(ZAtlassianUsersQuery.parse({ connectorId: connector.id, sort: "name" }));
    expect(byName.data.map((u) => (u.name ?? "").toLowerCase())).toEqual(byName.data.map((u) => (u.name ?? "").toLowerCase()).sort());
  });

  it("is idempotent across two workers and a restart, and follows triage and decay", async () => {
    const { principal, connector, userId } = await plant();
    // Two workers at once: one holds the connector's cursor, the other skips it; nothing fails, nothing doubles.
    const [a, b] = await Promise.all([runPriorityRound(), runPriorityRound()]);
    expect(a.connectors + b.connectors).toBe(1);
    const first = (await getAtlassianUserOrThrow(userId)).priority;
    // A restarted worker starts from the stored cursor: the same rows again.
    await runPriorityRound();
    const again = (await getAtlassianUserOrThrow(userId)).priority;
    expect({ ...again, computedAt: null }).toEqual({ ...first, computedAt: null });
    expect(await querySql<{ n: string }>("SELECT count(*)::text AS n FROM user_priorities WHERE connector_id = $1", [connector.id])).toEqual([{ n: String(a.users + b.users) }]);

    // A false positive stops counting at the next round.
    const travel = first.contributions.find((c) => c.label.startsWith("Impossible travel"));
    expect(travel).toBeDefined();
    await updateAlertForActor({ actor: principal, id: travel?.id ?? "", input: ZAlertPatchInput.parse({ status: "dismissed", classification: "false_positive", reason: "Known VPN" }) });
    await runPriorityRound();
    const triaged = (await getAtlassianUserOrThrow(userId)).priority;
    expect(triaged.contributions.map((c) => c.id)).not.toContain(travel?.id);
    expect(triaged.score).toBe(first.score - (travel?.points ?? 0));

    // Three days later the refresh has decayed what is left.
    await runPriorityRound({ now: () => new Date(Date.now() + 3 * DAY) });
    const later = (await getAtlassianUserOrThrow(userId)).priority;
    expect(later.score).toBeLessThan(triaged.score);
    expect(later.score).toBe(later.contributions.reduce((s, c) => s + c.points, 0));
  });
});
