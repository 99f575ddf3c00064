import { z } from "zod";
import { ZOrgDefinition } from "../org-definition";
import { EPISODE_KINDS } from "./episode-label";
import { ZIpPool } from "./ip-pools";

const ZIsoDate = z.iso.datetime({ offset: true });

/** Background activity model; every rate is a mean of a Poisson draw. */
export const ZActivity = z.object({
  /** Successful logins per active user per weekday, spread over the local working day. */
  loginsPerUserPerWeekday: z.number().min(0).max(100).default(2.5),
  /** Weekend activity as a share of a weekday's. */
  weekendFactor: z.number().min(0).max(1).default(0.15),
  /** Chance that a login is preceded by one or two failed attempts. */
  failedLoginRate: z.number().min(0).max(1).default(0.04),
  logoutRate: z.number().min(0).max(1).default(0.25),
  /** Share of logins from the user's home ISP rather than the office; vpnShare from the corporate VPN. */
  remoteShare: z.number().min(0).max(1).default(0.35),
  vpnShare: z.number().min(0).max(1).default(0.05),
  /**
   * Which VPN exits a user connects through: any of them (a few central concentrators: activity appears from far-away
   * exits unless Watchpost knows the VPN ranges), or only exits in the user's own or a bordering country (regional
   * exits; users with none near them do not use the VPN).
   */
  vpnEgress: z.enum(["any", "nearby"]).default("any"),
  /** Org-wide admin work per day (by org admins), and events of "Atlassian Internal System". */
  groupChangesPerDay: z.number().min(0).max(10_000).default(6),
  productAccessChangesPerDay: z.number().min(0).max(10_000).default(3),
  adminActionsPerDay: z.number().min(0).max(10_000).default(2),
  systemEventsPerDay: z.number().min(0).max(10_000).default(6),
  /** Share of admin changes made through an API token (actor.auth is set). */
  apiTokenShare: z.number().min(0).max(1).default(0.2),
  /** processedAt = time + a delay drawn from this range. */
  processingDelayMs: z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }).default({ min: 200, max: 5000 }),
});
export type TActivity = z.infer<typeof ZActivity>;

/** A labelled attack episode at a fixed time. */
export const ZEpisodeSpec = z.object({
  kind: z.enum(EPISODE_KINDS),
  at: ZIsoDate,
  /** The targeted (or, for admin-spree and impersonation, acting) user; default a random fitting user. */
  accountId: z.string().optional(),
  label: z.string().optional(),
});
export type TEpisodeSpec = z.infer<typeof ZEpisodeSpec>;

/**
 * A scenario file: an org plus a deterministic activity model. The same scenario and seed always yield the
 * same users and events (docs/simulator.md documents every field).
 */
export const ZScenario = z.object({
  version: z.literal(1).default(1),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /** First day of history (ISO 8601). Absent = `days` before the moment the simulator starts. */
  start: ZIsoDate.optional(),
  days: z.number().int().min(0).max(3660).default(30),
  org: ZOrgDefinition,
  /** Extra users made up from the seed, spread over domains by weight; the first adminCount are org admins. */
  generatedUsers: z
    .object({
      count: z.number().int().min(0).max(100_000),
      domains: z.record(z.string(), z.number().min(0)).refine((weights) => Object.keys(weights).length > 0, "name at least one domain"),
      adminCount: z.number().int().min(0).default(3),
    })
    .optional(),
  /** Address ranges with their places; default the built-in pools (see ip-pools.ts). */
  ipPools: z.array(ZIpPool).min(1).optional(),
  activity: ZActivity.default(ZActivity.parse({})),
  episodes: z.array(ZEpisodeSpec).default([]),
  /** Episodes at random times: a Poisson mean per day, after a warm-up of `afterDays`. */
  randomEpisodes: z
    .object({
      perDay: z.number().min(0).max(1000),
      kinds: z.array(z.enum(EPISODE_KINDS)).min(1).optional(),
      afterDays: z.number().int().min(0).default(7),
    })
    .optional(),
});
export type TScenario = z.infer<typeof ZScenario>;
export type TScenarioInput = z.input<typeof ZScenario>;
