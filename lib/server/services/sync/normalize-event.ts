import { findEventAction, isAdministrativeAction, isImpersonation, SYSTEM_ACTOR_NAME, type TEvent, type TEventResource } from "../../../atlassian";
import { countryCodeOf } from "../../../geo/countries";
import type { NormalizedActivity } from "../../repositories/activity-repository";

export type { NormalizedActivity } from "../../repositories/activity-repository";

export type OrgDirectory = Readonly<{
  /** Lower-case names of the org's verified domains. */
  verifiedDomains: ReadonlySet<string>;
  /** Account ids of managed accounts (from /users): kept even without an email on the event. */
  managedAccountIds: ReadonlySet<string>;
}>;

export type NormalizeResult = { kind: "activity"; activity: NormalizedActivity } | { kind: "dropped"; reason: "unverified_domain" };

const PRODUCTS = ["jira", "confluence", "bitbucket"] as const;

const attr = (resource: TEventResource | undefined, key: string): string | null => {
  const value = resource?.attributes?.[key];
  return typeof value === "string" && value ? value : null;
};

const productOf = (event: TEvent, site: TEventResource | undefined): string => {
  const mentioned = (event.attributes.context ?? []).find((c) => c.type === "products")?.id?.toLowerCase();
  const named = PRODUCTS.find((p) => mentioned?.includes(p));
  if (named) return named;
  const host = `${attr(site, "siteHostName") ?? ""} ${attr(site, "product") ?? ""}`.toLowerCase();
  return PRODUCTS.find((p) => host.includes(p)) ?? "admin";
};

const COORDINATE = /^\s*-?\d+(\.\d+)?\s*$/;
// A coarse region label such as "EU" or "NA": starts with a letter, short, no markup.
const REGION_LABEL = /^\p{L}[\p{L}\p{N} ._()/-]{0,63}$/u;

/**
 * `location.geo` is "lat,lon" in our notes and the simulator, a coarse region label ("EU", "NA") in third-party
 * docs. Coordinates when both numbers parse and are in range; otherwise a label when it looks like one (kept
 * as the region when the event names none); otherwise nothing. GeoIP fills in the location as for any event
 * without coordinates, country or city.
 */
export const parseGeo = (geo: string | undefined): Readonly<{ lat: number | null; lon: number | null; label: string | null }> => {
  const text = (geo ?? "").trim();
  const parts = text.split(",");
  if (parts.length === 2 && parts.every((p) => COORDINATE.test(p))) {
    const [lat, lon] = parts.map((v) => Number.parseFloat(v));
    const isValid = (v: number | undefined, max: number): v is number => v !== undefined && Number.isFinite(v) && Math.abs(v) <= max;
    return isValid(lat, 90) && isValid(lon, 180) ? { lat, lon, label: null } : { lat: null, lon: null, label: null };
  }
  return { lat: null, lon: null, label: REGION_LABEL.test(text) ? text : null };
};

const isIp = (value: string | undefined): value is string => Boolean(value && (/^\d{1,3}(\.\d{1,3}){3}$/.test(value) || /^[0-9a-f:]+$/i.test(value)));

const dateOrNull = (value: string | undefined): Date | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/**
 * Turns a wire event into activity columns, or drops it when its actor is not on a verified domain
 * (Defender shows only verified domains). System events ("Atlassian Internal System") are kept.
 */
export const normalizeEvent = (event: TEvent, directory: OrgDirectory): NormalizeResult => {
  const { attributes: a } = event;
  const isSystem = a.actor.name === SYSTEM_ACTOR_NAME;
  const email = a.actor.email?.toLowerCase() ?? null;
  const domain = email?.split("@")[1] ?? null;
  const isVerified = isSystem || (domain !== null && directory.verifiedDomains.has(domain)) || directory.managedAccountIds.has(a.actor.id);
  if (!isVerified) return { kind: "dropped", reason: "unverified_domain" };

  const site = (a.container ?? []).find((c) => c.type === "sites");
  const definition = findEventAction(a.action);
  const targets = (a.context ?? []).map((c) => ({ type: c.type, id: c.id ?? null, name: attr(c, "name") ?? attr(c, "email") }));
  const { lat, lon, label: geoLabel } = parseGeo(a.location?.geo);
  const country = a.location?.countryName ?? null;
  const hasLocation = Boolean(country || a.location?.city || lat !== null);
  const eventTime = dateOrNull(a.time) ?? dateOrNull(a.processedAt) ?? new Date(0);
  const activity: NormalizedActivity = {
      eventId: event.id,
      eventTime,
      processedAt: dateOrNull(a.processedAt),
      action: a.action,
      actionName: definition?.displayName ?? null,
      actionGroup: definition?.group ?? null,
      product: productOf(event, site),
      siteId: site?.id ?? null,
      siteName: attr(site, "siteName"),
      actorId: a.actor.id,
      actorName: a.actor.name ?? null,
      actorEmail: email,
      onBehalfOfId: a.actor.onBehalfOf?.id ?? null,
      authType: a.actor.auth?.authType ?? null,
      tokenId: a.actor.auth?.tokenId ?? null,
      isSystem,
      isAdminAction: isAdministrativeAction(a.action),
      isImpersonation: isImpersonation(a.action, Boolean(a.actor.onBehalfOf?.id)),
      targets,
      targetName: targets.find((t) => t.type === "users")?.name ?? targets[0]?.name ?? null,
      ip: isIp(a.location?.ip) ? a.location.ip : null,
      country,
      countryCode: countryCodeOf(country),
      region: a.location?.regionName ?? geoLabel,
      city: a.location?.city ?? null,
      lat,
      lon,
      locationSource: hasLocation ? "event" : null,
      ipCategory: null,
      ipTags: [],
      message: event.message?.content ?? null,
      searchText: "",
      raw: event,
  };
  return { kind: "activity", activity: { ...activity, searchText: buildSearchText(activity) } };
};

/**
 * The free-text filter's haystack: what a person would type to find an activity. Keep in step with the
 * backfill UPDATE in the activity_log_and_detection migration.
 */
export const buildSearchText = (a: Omit<NormalizedActivity, "searchText">): string =>
  [a.actorName, a.actorEmail, a.actorId, a.actionName, a.action, a.targetName, a.ip, a.city, a.country, a.siteName, a.message]
    .filter((v): v is string => Boolean(v))
    .join(" ")
    .toLowerCase();
