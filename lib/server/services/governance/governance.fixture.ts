import { randomUUID } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { getEnv } from "../../../env";
import type { TRunningSimulator } from "../../../simulator/start-simulator";
import type { TGovernanceActionDto } from "../../../shared/schemas/governance";
import { makeUser } from "../../../testing/factories";
import { createSimOrg } from "../../../testing/sim-org";
import { createConnector } from "../connectors/create-connector";
import { runSyncPass } from "../sync/run-sync-pass";
import { listGovernanceLog } from "./list-governance-log";
import { runGovernPass } from "./run-govern-loop";

// Test fixtures of the governance integration tests: a synced connector on the simulator, the simulator's
// view of its users, and a worker pass with retry delays of milliseconds.

export const silentLogger = pino({ level: "silent" });

export type SimUserState = {
  accountId: string;
  email: string;
  status: string;
  apiTokenIds: string[];
  revokedTokenIds: string[];
  governanceCalls: { kind: string; tokenId?: string }[];
};

export const simUsers = async (sim: TRunningSimulator, orgId: string): Promise<SimUserState[]> =>
  ((await (await fetch(`${sim.baseUrl}/__sim/orgs/${orgId}/users`)).json()) as { users: SimUserState[] }).users;

export const simUser = async (sim: TRunningSimulator, orgId: string, accountId: string): Promise<SimUserState> => {
  const user = (await simUsers(sim, orgId)).find((u) => u.accountId === accountId);
  if (!user) throw new Error(`no simulator user ${accountId}`);
  return user;
};

export const setFaults = async (sim: TRunningSimulator, body: Record<string, unknown>) => {
  const response = await fetch(`${sim.baseUrl}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`faults refused: ${response.status}`);
};
export const clearFaults = (sim: TRunningSimulator) => fetch(`${sim.baseUrl}/__sim/faults`, { method: "DELETE" });

/** An org on the simulator, its connector, and the directory synced (atlassian_users filled). */
export const connectOrg = async (sim: TRunningSimulator, name = `Acme ${randomUUID().slice(0, 6)}`) => {
  const { principal } = await makeUser("analyst");
  const { principal: admin } = await makeUser("admin");
  const org = await createSimOrg(sim.baseUrl);
  const connector = await createConnector({ actor: admin, input: { name, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  await runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger: silentLogger });
  const [, member, , , outsider] = org.users as [unknown, { accountId: string; email: string }, unknown, unknown, { accountId: string; email: string }];
  return { analyst: principal, admin, org, connector, member, outsider };
};

export const FAST_BACKOFF = { baseMs: 20, factor: 1.5, jitter: 0.1 } as const;

/** One worker pass with millisecond retry delays. */
export const governPass = () => runGovernPass({ perMinute: 100_000, logger: silentLogger, backoff: FAST_BACKOFF });

export const logEntry = async (id: string): Promise<TGovernanceActionDto> => {
  const { data } = await listGovernanceLog({ limit: 200 });
  const entry = data.find((e) => e.id === id);
  if (!entry) throw new Error(`no governance action ${id}`);
  return entry;
};

/** Runs worker passes until the action is no longer pending (retries included). */
export const settle = async (id: string, beforeEachPass?: (pass: number) => Promise<void>): Promise<TGovernanceActionDto> => {
  for (let pass = 0; pass < 200; pass++) {
    await beforeEachPass?.(pass);
    await governPass();
    const entry = await logEntry(id);
    if (entry.status !== "pending") return entry;
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  throw new Error(`governance action ${id} still pending`);
};

export const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
  const client = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
};
