import type { TEvent } from "../../atlassian/schemas/events";
import { adminChange, everydayLocation, loginSession, systemEvent, type TAdminWork } from "./activity";
import type { Prng } from "./prng";
import type { TWorld } from "./world";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Relative activity per local hour: quiet nights, a morning peak, a dip at lunch. */
const HOUR_WEIGHTS = [0.05, 0.02, 0.02, 0.02, 0.03, 0.1, 0.4, 1.2, 2.5, 3, 2.6, 2.2, 1.6, 2.2, 2.4, 2.2, 1.8, 1.2, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1];
const HOURS = HOUR_WEIGHTS.map((_, hour) => hour);

/** A moment of the UTC day starting at `dayStartMs`, drawn from the diurnal curve of a UTC offset. */
export const diurnalTime = (prng: Prng, dayStartMs: number, utcOffsetHours: number): number => {
  const localHour = prng.weighted(HOURS, (hour) => HOUR_WEIGHTS[hour] ?? 0);
  const utcHours = (((localHour - utcOffsetHours) % 24) + 24) % 24;
  return dayStartMs + Math.floor((utcHours + prng.next()) * HOUR_MS) % DAY_MS;
};

const isWeekend = (dayStartMs: number): boolean => {
  const weekday = new Date(dayStartMs).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/**
 * Background activity of one UTC day (no processedAt yet). Every user and the org-wide work draw from
 * their own PRNG stream per day, so a change to one user never shifts another's events.
 */
export const backgroundDay = (world: TWorld, root: Prng, dayIndex: number, dayStartMs: number): TEvent[] => {
  const activity = world.scenario.activity;
  const dayFactor = isWeekend(dayStartMs) ? activity.weekendFactor : 1;
  const events: TEvent[] = [];
  for (const user of world.active) {
    const prng = root.fork(`bg:${dayIndex}:${user.accountId}`);
    const logins = prng.poisson(activity.loginsPerUserPerWeekday * dayFactor);
    for (let i = 0; i < logins; i++) {
      const timeMs = diurnalTime(prng, dayStartMs, user.officePool.place.utcOffsetHours);
      events.push(...loginSession(world, prng, user, timeMs, everydayLocation(world, prng, user, activity), activity));
    }
  }
  const org = root.fork(`org:${dayIndex}`);
  const adminOffset = world.admins[0]?.officePool.place.utcOffsetHours ?? 0;
  const work: [TAdminWork, number][] = [
    ["group", activity.groupChangesPerDay],
    ["product", activity.productAccessChangesPerDay],
    ["settings", activity.adminActionsPerDay],
  ];
  for (const [kind, perDay] of work) {
    const count = org.poisson(perDay * dayFactor);
    for (let i = 0; i < count; i++) events.push(...adminChange(world, org, kind, diurnalTime(org, dayStartMs, adminOffset), activity));
  }
  const systemCount = org.poisson(activity.systemEventsPerDay);
  for (let i = 0; i < systemCount; i++) events.push(...systemEvent(world, org, dayStartMs + Math.floor(org.next() * DAY_MS)));
  return events;
};
