import { FaultInjector } from "./faults";
import { recordIssuedKey } from "./key-log";
import { RateLimiter, type TRateLimitConfigInput } from "./rate-limiter";
import { SimStats } from "./stats";
import type { TSimApiKey, TSimOrg } from "./store/sim-org";

/** Everything one simulator instance knows; shared by the faithful API and the control API. */
export type TSimulatorState = {
  orgs: Map<string, TSimOrg>;
  /** API key text → its org and record. */
  keys: Map<string, { org: TSimOrg; apiKey: TSimApiKey }>;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  stats: SimStats;
  /** Clock in epoch ms; injectable so tests can move time instead of sleeping. */
  now: () => number;
  seed: number;
  /** Set once the server listens; links in responses point here. */
  baseUrl: string;
  /** Record when each event became visible (EventStore.visibleAt) in every org registered from now on. */
  recordVisibility?: boolean;
};

export const createState = (options: { seed: number; now: () => number; rateLimits?: TRateLimitConfigInput; recordVisibility?: boolean }): TSimulatorState => ({
  orgs: new Map(),
  keys: new Map(),
  rateLimiter: new RateLimiter(options.rateLimits ?? {}, options.now),
  faults: new FaultInjector(options.seed, options.now),
  stats: new SimStats(),
  now: options.now,
  seed: options.seed,
  baseUrl: "",
  recordVisibility: options.recordVisibility ?? false,
});

/** Adds an org and indexes its keys; throws when the id or a key is taken. */
export const registerOrg = (state: TSimulatorState, org: TSimOrg): void => {
  if (state.orgs.has(org.id)) throw new Error(`org ${org.id} already exists`);
  const taken = org.keys.find((apiKey) => state.keys.has(apiKey.key));
  if (taken) throw new Error(`API key ${taken.key.slice(0, 8)}… is already used by another org`);
  state.orgs.set(org.id, org);
  if (state.recordVisibility) org.events.visibleAt ??= new Map();
  for (const apiKey of org.keys) {
    state.keys.set(apiKey.key, { org, apiKey });
    recordIssuedKey(apiKey.key);
  }
};

export const addApiKey = (state: TSimulatorState, org: TSimOrg, apiKey: TSimApiKey): void => {
  if (state.keys.has(apiKey.key)) throw new Error("API key already in use");
  org.keys.push(apiKey);
  state.keys.set(apiKey.key, { org, apiKey });
  recordIssuedKey(apiKey.key);
};

export const removeOrg = (state: TSimulatorState, orgId: string): boolean => {
  const org = state.orgs.get(orgId);
  if (!org) return false;
  for (const apiKey of org.keys) state.keys.delete(apiKey.key);
  state.orgs.delete(orgId);
  return true;
};
