import { registerOrg, type TSimulatorState } from "../state";
import { appendEvents, createSimOrg, type TSimOrg } from "../store/sim-org";
import { DAY_MS } from "./background";
import { generateHistory } from "./generator";
import type { TScenario } from "./schema";
import { buildWorld, type TWorld } from "./world";

export type TLoadScenarioOptions = {
  /** Overrides scenario.seed (the CLI's --seed). */
  seed?: number;
  nowMs: number;
  /** Generate exactly this many events instead of `days` of history (benchmarks). */
  maxEvents?: number;
};

/** Where a scenario's history starts: its `start`, else `days` before now. */
export const historyStartMs = (scenario: TScenario, nowMs: number): number =>
  scenario.start ? Date.parse(scenario.start) : nowMs - scenario.days * DAY_MS;

/** Where it ends: `days` after the start, but never past now. */
export const historyEndMs = (scenario: TScenario, nowMs: number): number => Math.min(historyStartMs(scenario, nowMs) + scenario.days * DAY_MS, nowMs);

/**
 * Builds a scenario's org, registers it and fills its audit log. History never runs past `nowMs` (unless
 * maxEvents asks for a fixed count), so the events stream holds no events from the future.
 */
export const loadScenario = (state: TSimulatorState, scenario: TScenario, options: TLoadScenarioOptions): { world: TWorld; org: TSimOrg } => {
  const world = buildWorld(scenario, options.seed ?? scenario.seed);
  const org = createSimOrg(world.definition, options.nowMs);
  const startMs = historyStartMs(scenario, options.nowMs);
  const endMs = historyEndMs(scenario, options.nowMs);
  const processedUntilMs = options.maxEvents === undefined ? options.nowMs : undefined;
  for (const batch of generateHistory(world, { startMs, endMs, maxEvents: options.maxEvents, processedUntilMs })) {
    appendEvents(org, batch.events, options.nowMs);
    org.episodes.push(...batch.labels);
  }
  registerOrg(state, org);
  return { world, org };
};
