import type { TEvent } from "../atlassian/schemas/events";
import { adminChange, everydayLocation, loginSession, systemEvent } from "./scenario/activity";
import { EPISODE_KINDS } from "./scenario/episode-label";
import { plantEpisode } from "./scenario/episodes";
import { Prng } from "./scenario/prng";
import type { TWorld } from "./scenario/world";
import { appendEvents, type TSimOrg } from "./store/sim-org";

export type TLiveActivityOptions = {
  /** Mean events per second of everyday activity. Default 3. */
  eventsPerSecond?: number;
  /** Time between attack episodes. Default 3 minutes. */
  episodeIntervalMs?: number;
  /** Delay before the first episode, so a fresh connection sees one soon. Default 45 s. */
  firstEpisodeAfterMs?: number;
  tickMs?: number;
};

export type TLiveActivity = { tick(): void; stop(): void };

/**
 * Keeps an org alive: each tick adds everyday events and, every few minutes, an attack episode, rotating
 * through the kinds. Events whose time lies ahead (a logout hours later, the rest of an episode) wait in
 * a queue until their time comes, so the stream never holds events from the future. Timers are unref'd.
 */
export const startLiveActivity = (org: TSimOrg, world: TWorld, now: () => number, options: TLiveActivityOptions = {}): TLiveActivity => {
  const eventsPerSecond = options.eventsPerSecond ?? 3;
  const episodeIntervalMs = options.episodeIntervalMs ?? 180_000;
  const tickMs = options.tickMs ?? 1000;
  const startMs = now();
  const prng = new Prng(world.seed).fork(`live:${startMs}`);
  const activity = world.scenario.activity;
  // Parsed times kept beside the events: the queue holds hours of logouts and is scanned every tick.
  let pending: { event: TEvent; timeMs: number }[] = [];
  const enqueue = (events: TEvent[]) => {
    for (const event of events) pending.push({ event, timeMs: Date.parse(event.attributes.time) });
  };
  let lastTickMs = startMs;
  let nextEpisodeMs = startMs + (options.firstEpisodeAfterMs ?? 45_000);
  let episodeCount = 0;

  const everyday = (timeMs: number): TEvent[] => {
    const roll = prng.next();
    if (roll < 0.8 && world.active.length > 0) {
      const user = prng.pick(world.active);
      return loginSession(world, prng, user, timeMs, everydayLocation(world, prng, user, activity), activity);
    }
    if (roll < 0.92) return adminChange(world, prng, prng.pick(["group", "product", "settings"] as const), timeMs, activity);
    return systemEvent(world, prng, timeMs);
  };

  const tick = (): void => {
    const nowMs = now();
    const elapsedMs = Math.max(0, nowMs - lastTickMs);
    lastTickMs = nowMs;
    const count = prng.poisson((eventsPerSecond * Math.min(elapsedMs, 60_000)) / 1000);
    for (let i = 0; i < count; i++) enqueue(everyday(nowMs - Math.floor(prng.next() * elapsedMs)));
    if (nowMs >= nextEpisodeMs) {
      const kind = EPISODE_KINDS[episodeCount % EPISODE_KINDS.length] ?? "brute-force";
      episodeCount++;
      nextEpisodeMs = nowMs + episodeIntervalMs;
      try {
        const planted = plantEpisode(world, prng.fork(`episode:${episodeCount}`), { kind, atMs: nowMs, label: `live ${kind}` });
        enqueue(planted.events);
        org.episodes.push(planted.label);
      } catch {
        // An org too small for this kind of episode just skips it.
      }
    }
    const due = pending.filter((entry) => entry.timeMs <= nowMs).map((entry) => entry.event);
    if (due.length === 0) return;
    pending = pending.filter((entry) => entry.timeMs > nowMs);
    appendEvents(org, due, nowMs);
  };

  const timer = setInterval(tick, tickMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
};
