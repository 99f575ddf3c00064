import { isAdministrativeAction, isImpersonation } from "../../atlassian/event-actions";
import { BUILTIN_POLICIES } from "../builtin-policies";
import type { TRuntimePolicy } from "../policy-config";
import { EMPTY_SCOPE } from "../policy-config";
import type { TDetectionActivity } from "../types";

let seq = 0n;

export const PLACES = {
  london: { ip: "81.2.69.142", countryCode: "GB", country: "United Kingdom", city: "London", lat: 51.5072, lon: -0.1276 },
  manchester: { ip: "81.2.70.1", countryCode: "GB", country: "United Kingdom", city: "Manchester", lat: 53.4808, lon: -2.2426 },
  paris: { ip: "90.1.1.1", countryCode: "FR", country: "France", city: "Paris", lat: 48.8566, lon: 2.3522 },
  sydney: { ip: "1.120.45.8", countryCode: "AU", country: "Australia", city: "Sydney", lat: -33.8688, lon: 151.2093 },
  newYork: { ip: "198.51.100.70", countryCode: "US", country: "United States", city: "New York", lat: 40.7128, lon: -74.006 },
  lagos: { ip: "100.100.3.4", countryCode: "NG", country: "Nigeria", city: "Lagos", lat: 6.5244, lon: 3.3792 },
} as const;

/** A detection activity with sensible defaults: a successful login of user u1 from London. */
export const activity = (overrides: Partial<TDetectionActivity> & { at: Date | string; place?: keyof typeof PLACES }): TDetectionActivity => {
  seq += 1n;
  const { at, place = "london", ...rest } = overrides;
  const p = PLACES[place];
  const action = rest.action ?? "user_login";
  const base: TDetectionActivity = {
    seq,
    connectorId: "00000000-0000-4000-8000-000000000001",
    eventId: `e-${seq}`,
    eventTime: new Date(at),
    action,
    actionGroup: null,
    product: "admin",
    actorId: "u1",
    actorName: "User One",
    actorEmail: "u1@acme.test",
    onBehalfOfId: null,
    authType: null,
    isSystem: false,
    isAdminAction: isAdministrativeAction(action),
    isImpersonation: isImpersonation(action, Boolean(rest.onBehalfOfId)),
    ip: p.ip,
    country: p.country,
    countryCode: p.countryCode,
    city: p.city,
    lat: p.lat,
    lon: p.lon,
    ipCategory: null,
    ipTags: [],
    targetName: null,
    searchText: action,
  };
  return { ...base, ...rest, seq };
};

/** The seven built-ins, enabled at medium, as the engine runs them. */
export const builtinPolicies = (overrides: Partial<TRuntimePolicy> = {}): TRuntimePolicy[] =>
  BUILTIN_POLICIES.map((p) => ({
    id: `id-${p.key}`,
    key: p.key,
    builtinKey: p.key,
    name: p.name,
    enabled: true,
    sensitivity: "medium",
    severity: p.defaultSeverity,
    scope: EMPTY_SCOPE,
    filter: null,
    trigger: null,
    createdAt: new Date(0),
    ...overrides,
  }));

/** Daily logins from a place for `days` days starting at `start` (a user's learnt history). */
export const history = (start: string, days: number, extra: Partial<TDetectionActivity> & { place?: keyof typeof PLACES } = {}): TDetectionActivity[] =>
  Array.from({ length: days }, (_, d) => activity({ ...extra, at: new Date(Date.parse(start) + d * 86_400_000 + 9 * 3_600_000) }));
