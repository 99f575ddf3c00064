import type { TEvent } from "../../atlassian/schemas/events";
import { backgroundDay, DAY_MS } from "./background";
import { EPISODE_KINDS, type TEpisodeLabel } from "./episode-label";
import { plantEpisode, type TEpisodeRequest } from "./episodes";
import { Prng } from "./prng";
import type { TWorld } from "./world";

export type TGeneratedBatch = { events: TEvent[]; labels: TEpisodeLabel[] };

export type TGenerateOptions = {
  /** First moment of history (epoch ms). Part of the PRNG seed, so a demo restarted later gets new event ids. */
  startMs: number;
  /** Events at or after this moment are not generated; default start + scenario.days. Ignored with maxEvents. */
  endMs?: number;
  /** Generate exactly this many events, running past `days` as needed (for --emit and benchmarks). */
  maxEvents?: number;
  /**
   * Latest processedAt allowed (the server's "now"): Atlassian never reports a processing time in the future,
   * and live events appended later must not sort before history a client has already read.
   */
  processedUntilMs?: number;
};

/**
 * Sets processedAt = time + a processing delay, right after `time` in the JSON. Built field by field:
 * object spreads cost microseconds per call, and this runs once per generated event.
 */
const withProcessedAt = (event: TEvent, processedAtMs: number): TEvent => {
  const source = event.attributes;
  const attributes: TEvent["attributes"] = { time: source.time, processedAt: new Date(processedAtMs).toISOString(), action: source.action, actor: source.actor };
  if (source.context) attributes.context = source.context;
  if (source.container) attributes.container = source.container;
  if (source.location) attributes.location = source.location;
  return { id: event.id, type: event.type, attributes, links: event.links, message: event.message };
};

/** The episodes of one day: the scenario's fixed ones that fall in it plus random ones after the warm-up. */
const episodesOfDay = (world: TWorld, root: Prng, dayIndex: number, dayStartMs: number): TEpisodeRequest[] => {
  const { scenario } = world;
  const requests: TEpisodeRequest[] = scenario.episodes
    .map((spec) => ({ kind: spec.kind, atMs: Date.parse(spec.at), accountId: spec.accountId, label: spec.label }))
    .filter((request) => request.atMs >= dayStartMs && request.atMs < dayStartMs + DAY_MS);
  const random = scenario.randomEpisodes;
  if (random && dayIndex >= random.afterDays) {
    const prng = root.fork(`random-episodes:${dayIndex}`);
    const count = prng.poisson(random.perDay);
    for (let i = 0; i < count; i++) {
      requests.push({ kind: prng.pick(random.kinds ?? EPISODE_KINDS), atMs: dayStartMs + Math.floor(prng.next() * DAY_MS) });
    }
  }
  return requests;
};

type TProcessed = { event: TEvent; processedAtMs: number };

const byTimeThenId = (a: { timeMs: number; event: TEvent }, b: { timeMs: number; event: TEvent }) =>
  a.timeMs - b.timeMs || (a.event.id < b.event.id ? -1 : 1);
const byProcessedThenId = (a: TProcessed, b: TProcessed) => a.processedAtMs - b.processedAtMs || (a.event.id < b.event.id ? -1 : 1);

/**
 * Generates a scenario's history day by day, so a consumer can stream millions of events without holding
 * them. Events that belong to a later day (a logout hours after a late login) or are processed after
 * midnight are carried over, which keeps processedAt non-decreasing across all batches. A label is emitted
 * with the batch that completes its episode. Same world, seed and start → the same events, byte for byte.
 */
export function* generateHistory(world: TWorld, options: TGenerateOptions): Generator<TGeneratedBatch> {
  const root = new Prng(world.seed).fork(`history:${options.startMs}`);
  const { activity, days } = world.scenario;
  const endMs = options.maxEvents === undefined ? (options.endMs ?? options.startMs + days * DAY_MS) : Number.POSITIVE_INFINITY;
  const firstDayMs = Math.floor(options.startMs / DAY_MS) * DAY_MS;
  const { min, max } = activity.processingDelayMs;
  const processedUntilMs = options.processedUntilMs ?? Number.POSITIVE_INFINITY;
  let remaining = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let carriedEvents: TEvent[] = [];
  let carriedProcessed: TProcessed[] = [];
  let pendingLabels: TEpisodeLabel[] = [];
  const emitted = new Set<string>();
  const finishLabels = (isFinal: boolean): TEpisodeLabel[] => {
    const done = pendingLabels.filter((label) => isFinal || label.eventIds.every((id) => emitted.has(id)));
    pendingLabels = pendingLabels.filter((label) => !done.includes(label));
    const finished = done.map((label) => ({ ...label, eventIds: label.eventIds.filter((id) => emitted.has(id)) }));
    for (const label of done) label.eventIds.forEach((id) => emitted.delete(id));
    return finished.filter((label) => label.eventIds.length > 0);
  };
  const take = (processed: TProcessed[]): TEvent[] => {
    const events = processed.slice(0, remaining).map(({ event, processedAtMs }) => withProcessedAt(event, processedAtMs));
    remaining -= events.length;
    const labelled = new Set(pendingLabels.flatMap((label) => label.eventIds));
    for (const event of events) if (labelled.has(event.id)) emitted.add(event.id);
    return events;
  };

  let emptyDays = 0;
  // A world without users makes no events; stop rather than count days forever when maxEvents is set.
  for (let day = 0; remaining > 0 && firstDayMs + day * DAY_MS < endMs && emptyDays < 366; day++) {
    const dayStartMs = firstDayMs + day * DAY_MS;
    const dayEndMs = dayStartMs + DAY_MS;
    const made = backgroundDay(world, root, day, dayStartMs);
    episodesOfDay(world, root, day, dayStartMs).forEach((request, index) => {
      const planted = plantEpisode(world, root.fork(`episode:${day}:${index}`), request);
      made.push(...planted.events);
      const inRange = planted.events.filter((event) => {
        const timeMs = Date.parse(event.attributes.time);
        return timeMs >= options.startMs && timeMs < endMs;
      });
      pendingLabels.push({ ...planted.label, eventIds: inRange.map((event) => event.id) });
    });
    const timed = [...carriedEvents, ...made]
      .map((event) => ({ event, timeMs: Date.parse(event.attributes.time) }))
      .filter(({ timeMs }) => timeMs >= options.startMs && timeMs < endMs);
    carriedEvents = timed.filter(({ timeMs }) => timeMs >= dayEndMs).map(({ event }) => event);
    const lag = root.fork(`lag:${day}`);
    const processed = timed
      .filter(({ timeMs }) => timeMs < dayEndMs)
      .sort(byTimeThenId)
      .map(({ event, timeMs }) => ({ event, processedAtMs: Math.min(timeMs + lag.int(Math.min(min, max), Math.max(min, max)), processedUntilMs) }));
    const all = [...carriedProcessed, ...processed].sort(byProcessedThenId);
    carriedProcessed = all.filter(({ processedAtMs }) => processedAtMs >= dayEndMs);
    const events = take(all.filter(({ processedAtMs }) => processedAtMs < dayEndMs));
    emptyDays = made.length === 0 ? emptyDays + 1 : 0;
    yield { events, labels: finishLabels(remaining <= 0) };
  }
  if (remaining > 0 && (carriedProcessed.length > 0 || pendingLabels.length > 0)) {
    yield { events: take(carriedProcessed.sort(byProcessedThenId)), labels: finishLabels(true) };
  }
}
