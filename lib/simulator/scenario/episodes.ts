import { findEventAction } from "../../atlassian/event-actions";
import type { TEvent } from "../../atlassian/schemas/events";
import type { TEpisodeKind, TEpisodeLabel } from "./episode-label";
import { distanceKm, randomIpIn } from "./geo";
import type { TIpPool } from "./ip-pools";
import type { Prng } from "./prng";
import { poolsOfKind, type TUserProfile, type TWorld } from "./world";

export type TEpisodeRequest = { kind: TEpisodeKind; atMs: number; accountId?: string; label?: string };
export type TPlantedEpisode = { events: TEvent[]; label: TEpisodeLabel };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const FOLLOW_UP_ACTIONS = ["user_api_token_created", "user_email_changed", "user_password_reset_requested"];
const SPREE_ACTIONS = [
  "org_admin_granted",
  "api_key_created",
  "two_step_verification_disabled",
  "authentication_policy_updated",
  "product_access_revoked",
  "user_removed_from_group",
  "user_access_suspended",
  "api_key_revoked",
  "data_security_policy_updated",
  "password_policy_updated",
];

const needsAdmin = (kind: TEpisodeKind): boolean => kind === "admin-spree" || kind === "impersonation";

/** The episode's user: the one named, else a random active managed user (an admin for admin episodes). */
const chooseUser = (world: TWorld, prng: Prng, request: TEpisodeRequest): TUserProfile => {
  if (request.accountId) {
    const named = world.profiles.find((profile) => profile.accountId === request.accountId);
    if (!named) throw new Error(`episode ${request.kind}: no user ${request.accountId} in the org`);
    return named;
  }
  const managed = world.active.filter((profile) => profile.isManaged);
  const admins = managed.filter((profile) => profile.isAdmin);
  const pool = needsAdmin(request.kind) && admins.length > 0 ? admins : managed.filter((profile) => !profile.isAdmin);
  const candidates = pool.length > 0 ? pool : world.active;
  if (candidates.length === 0) throw new Error(`episode ${request.kind}: the org has no active user`);
  return prng.pick(candidates);
};

/** A pool far (> 6000 km) from the user, preferring foreign ones, for impossible travel. */
const farPool = (world: TWorld, prng: Prng, user: TUserProfile): TIpPool => {
  const candidates = [...poolsOfKind(world, "foreign"), ...poolsOfKind(world, "office")];
  const far = candidates.filter((pool) => distanceKm(pool.place, user.officePool.place) > 6000);
  return prng.pick(far.length > 0 ? far : candidates);
};

/**
 * Plants one labelled attack episode starting at `atMs`. Durations are minutes, not hours, so the live
 * demo shows a whole episode quickly; impossible travel stays impossible (thousands of km in minutes).
 */
export const plantEpisode = (world: TWorld, prng: Prng, request: TEpisodeRequest): TPlantedEpisode => {
  const { factory } = world;
  const user = chooseUser(world, prng, request);
  const events: TEvent[] = [];
  const ips = new Set<string>();
  let t = request.atMs;
  const add = (action: string, pool: TIpPool, ip: string, options: { target?: TUserProfile; onBehalfOf?: TUserProfile } = {}) => {
    ips.add(ip);
    const subject = options.target ?? options.onBehalfOf ?? user;
    const message = action === "user_logged_in_as_user" ? `Logged in as ${subject.email}` : (findEventAction(action)?.displayName ?? action);
    events.push(
      factory.event({
        id: prng.uuid(),
        timeMs: t,
        action,
        actor: factory.actor(user, { onBehalfOf: options.onBehalfOf }),
        context: factory.userContext(subject),
        location: factory.location(ip, pool.place),
        message,
      }),
    );
  };
  const loginThenActions = (pool: TIpPool) => {
    const ip = randomIpIn(pool.cidr, prng);
    add("user_login", pool, ip);
    const actions = prng.int(1, 3);
    for (let i = 0; i < actions; i++) {
      t += prng.int(20 * SECOND, 3 * MINUTE);
      add(prng.pick(FOLLOW_UP_ACTIONS), pool, ip);
    }
  };

  switch (request.kind) {
    case "impossible-travel": {
      add("user_login", user.officePool, randomIpIn(user.officePool.cidr, prng));
      t += prng.int(3 * MINUTE, 15 * MINUTE);
      loginThenActions(farPool(world, prng, user));
      break;
    }
    case "brute-force": {
      const pool = prng.pick([...poolsOfKind(world, "foreign"), ...poolsOfKind(world, "suspicious")]);
      const ip = randomIpIn(pool.cidr, prng);
      const attempts = prng.int(12, 30);
      for (let i = 0; i < attempts; i++, t += prng.int(4 * SECOND, 20 * SECOND)) add("user_login_failed", pool, ip);
      if (prng.chance(0.5)) add("user_login", pool, ip);
      break;
    }
    case "tor":
      loginThenActions(prng.pick([...poolsOfKind(world, "tor"), ...poolsOfKind(world, "anonymous-proxy")]));
      break;
    case "suspicious-ip":
      loginThenActions(prng.pick(poolsOfKind(world, "suspicious")));
      break;
    case "infrequent-country":
      loginThenActions(prng.pick(poolsOfKind(world, "foreign")));
      break;
    case "admin-spree": {
      const ip = randomIpIn(user.officePool.cidr, prng);
      const count = prng.int(15, 30);
      for (let i = 0; i < count; i++, t += prng.int(10 * SECOND, 40 * SECOND)) {
        add(prng.pick(SPREE_ACTIONS), user.officePool, ip, { target: prng.pick(world.active) });
      }
      break;
    }
    case "impersonation": {
      const ip = randomIpIn(user.officePool.cidr, prng);
      const victims = world.active.filter((profile) => profile.accountId !== user.accountId);
      const count = Math.min(victims.length, prng.int(3, 6));
      for (let i = 0; i < count; i++) {
        const victim = prng.pick(victims);
        add("user_logged_in_as_user", user.officePool, ip, { target: victim });
        t += prng.int(30 * SECOND, 2 * MINUTE);
        add(prng.pick(FOLLOW_UP_ACTIONS), user.officePool, ip, { onBehalfOf: victim });
        t += prng.int(30 * SECOND, 2 * MINUTE);
      }
      break;
    }
  }
  if (events.length === 0) throw new Error(`episode ${request.kind}: the org has too few users for it`);
  const times = events.map((event) => Date.parse(event.attributes.time));
  const label: TEpisodeLabel = {
    id: prng.uuid(),
    kind: request.kind,
    label: request.label ?? `${request.kind} (${user.email})`,
    accountId: user.accountId,
    startedAt: new Date(Math.min(...times)).toISOString(),
    endedAt: new Date(Math.max(...times)).toISOString(),
    eventIds: events.map((event) => event.id),
    ips: [...ips],
  };
  return { events, label };
};
