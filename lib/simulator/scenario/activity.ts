import { findEventAction } from "../../atlassian/event-actions";
import type { TEvent } from "../../atlassian/schemas/events";
import { areNeighbours, countryCodeOf } from "../../geo/countries";
import { PRODUCT_KEYS, PRODUCT_NAMES } from "../org-definition";
import type { TPlace } from "./geo";
import { randomIpIn } from "./geo";
import type { TIpPool } from "./ip-pools";
import type { Prng } from "./prng";
import type { TActivity } from "./schema";
import type { TUserProfile, TWorld } from "./world";

/** Everyday building blocks of activity, shared by the history generator and the live demo loop. */
export const GROUPS = ["jira-software-users", "confluence-users", "engineering", "sales", "support", "marketing", "contractors"] as const;

const ADMIN_ACTIONS: readonly [action: string, objectType: string, objectName: string][] = [
  ["authentication_policy_updated", "policies", "Default policy"],
  ["password_policy_updated", "policies", "Default policy"],
  ["session_duration_updated", "policies", "Default policy"],
  ["mobile_policy_updated", "policies", "Mobile app policy"],
  ["data_security_policy_updated", "policies", "Data security policy"],
  ["api_key_created", "api-keys", "Automation key"],
  ["group_created", "groups", "project-phoenix"],
];

export type TWhere = { ip: string; place: TPlace };

const displayName = (action: string): string => findEventAction(action)?.displayName ?? action;

/** Where a user logs in from: corporate VPN, home ISP or office, by the activity model's shares. */
const countryOf = (pool: TIpPool) => countryCodeOf(pool.place.country) ?? pool.place.country;

/** The VPN exits a user may appear from (TActivity.vpnEgress). */
const vpnExitsOf = (world: TWorld, user: TUserProfile, activity: TActivity): TIpPool[] => {
  const vpns = world.pools.filter((pool) => pool.kind === "vpn");
  if (activity.vpnEgress === "any") return vpns;
  const home = countryOf(user.officePool);
  return vpns.filter((pool) => areNeighbours(countryOf(pool), home));
};

export const everydayLocation = (world: TWorld, prng: Prng, user: TUserProfile, activity: TActivity): TWhere => {
  // A scenario with its own ranges and no VPN range has no VPN: the built-in ones would be foreign to it.
  const vpns = vpnExitsOf(world, user, activity);
  if (vpns.length > 0 && prng.chance(activity.vpnShare)) {
    const vpn = prng.pick(vpns);
    return { ip: randomIpIn(vpn.cidr, prng), place: vpn.place };
  }
  if (prng.chance(activity.remoteShare)) return { ip: user.homeIp, place: user.homePool.place };
  return { ip: randomIpIn(user.officePool.cidr, prng), place: user.officePool.place };
};

/** One interactive session: optional failed attempts, the login, sometimes a logout hours later. */
export const loginSession = (world: TWorld, prng: Prng, user: TUserProfile, timeMs: number, where: TWhere, activity: TActivity): TEvent[] => {
  // No object spreads here: this runs for most generated events and spreads cost several µs each.
  const { factory } = world;
  const actor = factory.actor(user);
  const context = factory.userContext(user);
  const location = factory.location(where.ip, where.place);
  const events: TEvent[] = [];
  if (prng.chance(activity.failedLoginRate)) {
    const fails = prng.int(1, 2);
    for (let i = fails; i >= 1; i--) {
      const failedAtMs = timeMs - i * prng.int(5_000, 40_000);
      events.push(factory.event({ actor, context, location, id: prng.uuid(), timeMs: failedAtMs, action: "user_login_failed", message: "Login failed" }));
    }
  }
  events.push(factory.event({ actor, context, location, id: prng.uuid(), timeMs, action: "user_login", message: "Logged in to account" }));
  if (prng.chance(0.01)) {
    const token = user.tokens[0];
    const tokenContext = factory.objectContext("api-tokens", token?.tokenId ?? "token", token?.tokenLabel ?? "API token", user);
    const createdAtMs = timeMs + prng.int(60_000, 600_000);
    events.push(factory.event({ actor, context: tokenContext, location, id: prng.uuid(), timeMs: createdAtMs, action: "user_api_token_created", message: "Created API token" }));
  }
  if (prng.chance(activity.logoutRate)) {
    const logoutAtMs = timeMs + prng.int(3_600_000, 8 * 3_600_000);
    events.push(factory.event({ actor, context, location, id: prng.uuid(), timeMs: logoutAtMs, action: "user_logout", message: "Logged out of account" }));
  }
  return events;
};

export type TAdminWork = "group" | "product" | "settings";

/** One change made by an org admin, sometimes through an API token (actor.auth set). */
export const adminChange = (world: TWorld, prng: Prng, work: TAdminWork, timeMs: number, activity: TActivity): TEvent[] => {
  const { factory } = world;
  if (world.admins.length === 0 || world.active.length === 0) return [];
  const admin = prng.pick(world.admins);
  const target = prng.pick(world.active);
  const token = prng.chance(activity.apiTokenShare) ? admin.tokens[0] : undefined;
  const actor = factory.actor(admin, { token });
  const location = factory.location(randomIpIn(admin.officePool.cidr, prng), admin.officePool.place);
  const id = prng.uuid();
  if (work === "group") {
    const group = prng.pick(GROUPS);
    const isAdd = prng.chance(0.7);
    const action = isAdd ? "user_added_to_group" : "user_removed_from_group";
    const message = isAdd ? `Added ${target.email} to ${group}` : `Removed ${target.email} from ${group}`;
    return [factory.event({ id, timeMs, actor, location, action, message, context: factory.objectContext("groups", group, group, target) })];
  }
  if (work === "product") {
    const product = prng.pick(PRODUCT_KEYS);
    const isGrant = prng.chance(0.75);
    const action = isGrant ? "product_access_granted" : "product_access_revoked";
    const name = PRODUCT_NAMES[product];
    const message = isGrant ? `Granted ${name} access to ${target.email}` : `Revoked ${name} access from ${target.email}`;
    const context = factory.objectContext("products", product, name, target);
    return [factory.event({ id, timeMs, actor, location, action, message, context, container: factory.siteContainer() })];
  }
  const [action, objectType, objectName] = prng.pick(ADMIN_ACTIONS);
  return [factory.event({ id, timeMs, actor, location, action, message: displayName(action), context: factory.objectContext(objectType, objectName, objectName) })];
};

/** Activity of "Atlassian Internal System": automatic product and default-group changes, no location. */
export const systemEvent = (world: TWorld, prng: Prng, timeMs: number): TEvent[] => {
  const { factory } = world;
  if (world.active.length === 0) return [];
  const target = prng.pick(world.active);
  const isProduct = prng.chance(0.5);
  const product = prng.pick(PRODUCT_KEYS);
  return [
    factory.event({
      id: prng.uuid(),
      timeMs,
      actor: factory.systemActor(),
      action: isProduct ? "product_access_granted" : "user_added_to_group",
      message: isProduct ? `Granted ${PRODUCT_NAMES[product]} access to ${target.email}` : `Added ${target.email} to jira-software-users`,
      context: isProduct
        ? factory.objectContext("products", product, PRODUCT_NAMES[product], target)
        : factory.objectContext("groups", "jira-software-users", "jira-software-users", target),
    }),
  ];
};
