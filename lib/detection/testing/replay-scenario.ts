// A simulator scenario's history through the ingest path's pure parts (normalize, enrich) and the real detection
// engine, in memory: what an org connected to a fresh Watchpost would see, without a database (unit tests).
import type { TEvent } from "../../atlassian/schemas/events";
import { loadBuiltinThreatLists } from "../../enrichment/builtin-threat-lists";
import { enrichActivities, type TEnrichmentContext } from "../../enrichment/enrich-activities";
import { createIpIndex, createIpSet } from "../../enrichment/ip-index";
import { normalizeEvent, type NormalizedActivity } from "../../server/services/sync/normalize-event";
import type { TEpisodeLabel } from "../../simulator/scenario/episode-label";
import { generateHistory } from "../../simulator/scenario/generator";
import type { TScenario } from "../../simulator/scenario/schema";
import { buildWorld } from "../../simulator/scenario/world";
import { runDetection } from "../engine";
import { EMPTY_DIRECTORY } from "../policy-config";
import type { TDetectionActivity } from "../types";
import { builtinPolicies } from "./activity-factory";

export type TReplayedAlert = Readonly<{ policyKey: string; episodeKey: string; firstActivityAt: Date; explanation: string; eventIds: string[] }>;

const CONNECTOR_ID = "00000000-0000-4000-8000-0000000000d0";

/** Every alert (one per episode key, with the events of all its updates) the built-ins raise over the scenario's history. */
export const replayScenario = (scenario: TScenario, options: Readonly<{ startMs: number; nowMs: number }>): { alerts: TReplayedAlert[]; labels: TEpisodeLabel[] } => {
  const world = buildWorld(scenario, scenario.seed);
  const verifiedDomains = new Set(world.definition.domains.filter((d) => d.status === "verified").map((d) => d.name.toLowerCase()));
  const managedAccountIds = new Set(world.profiles.filter((p) => p.isManaged).map((p) => p.accountId));
  // No IP ranges (a fresh install) and no GeoIP: the simulator's events carry their location.
  const context: TEnrichmentContext = {
    ranges: createIpIndex([]),
    threatLists: loadBuiltinThreatLists().map((list) => ({ tag: list.tag, ...createIpSet(list.cidrs) })),
    geoip: null,
    nowMs: options.nowMs,
  };
  const policies = builtinPolicies();
  let states = new Map<string, unknown>();
  let seq = 0n;
  const eventIdOf = new Map<bigint, string>();
  const alerts = new Map<string, TReplayedAlert>();
  const labels: TEpisodeLabel[] = [];
  const normalize = (events: readonly TEvent[]) =>
    events.flatMap((event): NormalizedActivity[] => {
      const result = normalizeEvent(event, { verifiedDomains, managedAccountIds });
      return result.kind === "activity" ? [result.activity] : [];
    });
  for (const batch of generateHistory(world, { startMs: options.startMs, processedUntilMs: options.nowMs })) {
    labels.push(...batch.labels);
    const activities = enrichActivities(normalize(batch.events), context).map((a): TDetectionActivity => {
      seq += 1n;
      eventIdOf.set(seq, a.eventId);
      return { ...a, seq, connectorId: CONNECTOR_ID };
    });
    const out = runDetection({ activities, policies, directory: EMPTY_DIRECTORY, states, isLive: false });
    states = new Map([...states, ...out.states]);
    for (const candidate of out.candidates) {
      const eventIds = candidate.activitySeqs.map((s) => eventIdOf.get(s) ?? "");
      const known = alerts.get(candidate.episodeKey);
      if (known) known.eventIds.push(...eventIds);
      else alerts.set(candidate.episodeKey, { policyKey: candidate.policyKey, episodeKey: candidate.episodeKey, firstActivityAt: candidate.firstActivityAt, explanation: candidate.explanation, eventIds });
    }
  }
  return { alerts: [...alerts.values()], labels };
};
