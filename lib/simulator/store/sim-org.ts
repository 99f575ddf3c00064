import { siteNameOf, sitesOf, type TSiteProduct, type TOrgDefinition, type TPolicyDefinition, type TProductKey, type TUserDefinition, type TUserStatus } from "../org-definition";
import type { TEvent } from "../../atlassian/schemas/events";
import type { TEpisodeLabel } from "../scenario/episode-label";
import { stableAccountId, stableUuid } from "../stable-id";
import { EventStore } from "./event-store";

export type TSimApiKey = {
  id: string;
  key: string;
  label: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastActiveAt: number | null;
  /** The account audit events of API-key actions are attributed to. */
  systemAccountId: string;
  /** The scopes of a scoped key; null = a classic key without scopes. */
  scopes: readonly string[] | null;
};

export type TGovernanceKind = "suspend-access" | "restore-access" | "lifecycle-disable" | "lifecycle-enable" | "api-token-delete";

/** A governance call as recorded for GET /__sim/orgs/{orgId}/users. */
export type TGovernanceCall = { kind: TGovernanceKind; at: string; apiKeyId: string; tokenId?: string; message?: string };

export type TSimUserToken = { id: string; label: string; createdAt: number; lastAccess: number | null };

export type TSimUser = {
  accountId: string;
  name: string;
  email: string;
  isAdmin: boolean;
  status: TUserStatus;
  products: TProductKey[];
  addedToOrg: number;
  lastActive: number | null;
  apiTokens: TSimUserToken[];
  revokedTokenIds: string[];
  governanceCalls: TGovernanceCall[];
};

export type TSimDomain = { id: string; name: string; status: "verified" | "unverified"; claimType: "dns" | "http" };

export type TSimPolicy = { id: string; type: string; name: string; status: string; rule: Record<string, unknown>; createdAt: number; updatedAt: number };

/** One `<name>.atlassian.net` site of the org; served by lib/simulator/sites/. */
export type TSimSite = { name: string; products: TSiteProduct[]; createdAt: number };

/** The whole simulated state of one organization. */
export type TSimOrg = {
  id: string;
  name: string;
  siteName: string;
  sites: TSimSite[];
  createdAt: number;
  keys: TSimApiKey[];
  domains: TSimDomain[];
  users: Map<string, TSimUser>;
  policies: TSimPolicy[];
  events: EventStore;
  /** Ground truth of generated attack episodes (simulator only). */
  episodes: TEpisodeLabel[];
};

const DAY_MS = 86_400_000;

/** The default when a definition names no policies: the weak settings a fresh Atlassian org starts with. */
export const DEFAULT_POLICIES: readonly TPolicyDefinition[] = [
  {
    type: "authentication",
    name: "Default policy",
    status: "enabled",
    rule: {
      twoStepVerification: "optional",
      ssoEnforced: false,
      idleSessionDurationMinutes: 30 * 24 * 60,
      sessionExpirationMinutes: null,
      passwordStrength: "fair",
      passwordExpiryDays: null,
    },
  },
];

/** A user's personal API tokens: as defined, else one token with an id derived from org and account. */
export const definedTokens = (orgId: string, user: TUserDefinition): { id: string; label: string; createdAt?: string }[] =>
  (user.apiTokens ?? [{ id: stableUuid(orgId, user.accountId, "token"), label: "default" }]).map((token) => ({ ...token, label: token.label ?? "API token" }));

export const toSimUser = (orgId: string, user: TUserDefinition, nowMs: number): TSimUser => ({
  accountId: user.accountId,
  name: user.name,
  email: user.email.toLowerCase(),
  isAdmin: user.admin ?? false,
  status: user.status ?? "active",
  products: user.products ?? ["jira-software", "confluence"],
  addedToOrg: user.addedToOrg ? Date.parse(user.addedToOrg) : nowMs - 90 * DAY_MS,
  lastActive: null,
  apiTokens: definedTokens(orgId, user).map((token) => ({
    id: token.id,
    label: token.label,
    createdAt: token.createdAt ? Date.parse(token.createdAt) : nowMs - 30 * DAY_MS,
    lastAccess: null,
  })),
  revokedTokenIds: [],
  governanceCalls: [],
});

export const toSimApiKey = (orgId: string, key: TOrgDefinition["apiKeys"][number], nowMs: number): TSimApiKey => ({
  id: stableUuid(orgId, key.key, "key"),
  key: key.key,
  label: key.label ?? "Watchpost",
  createdAt: nowMs,
  expiresAt: key.expiresAt ? Date.parse(key.expiresAt) : null,
  revokedAt: null,
  lastActiveAt: null,
  systemAccountId: stableAccountId(orgId, key.key, "system-account"),
  scopes: key.scopes ?? null,
});

export const toSimPolicy = (orgId: string, policy: TPolicyDefinition, index: number, nowMs: number): TSimPolicy => ({
  id: policy.id ?? stableUuid(orgId, "policy", String(index), policy.type),
  type: policy.type,
  name: policy.name ?? `${policy.type} policy`,
  status: policy.status ?? "enabled",
  rule: policy.rule,
  createdAt: nowMs - 60 * DAY_MS,
  updatedAt: nowMs - 60 * DAY_MS,
});

/** Builds an org's state from its definition (POST /__sim/orgs or a scenario). */
export const createSimOrg = (definition: TOrgDefinition, nowMs: number): TSimOrg => ({
  id: definition.id,
  name: definition.name,
  siteName: siteNameOf(definition),
  sites: sitesOf(definition).map((site) => ({ ...site, createdAt: nowMs - 365 * DAY_MS })),
  createdAt: nowMs,
  keys: definition.apiKeys.map((key) => toSimApiKey(definition.id, key, nowMs)),
  domains: definition.domains.map((domain) => ({
    id: stableUuid(definition.id, "domain", domain.name),
    name: domain.name.toLowerCase(),
    status: domain.status,
    claimType: domain.claimType ?? "dns",
  })),
  users: new Map(definition.users.map((user) => [user.accountId, toSimUser(definition.id, user, nowMs)])),
  policies: (definition.policies ?? DEFAULT_POLICIES).map((policy, index) => toSimPolicy(definition.id, policy, index, nowMs)),
  events: new EventStore(),
  episodes: [],
});

/** Managed account = email on one of the org's verified domains (atlassian-api.md §1.5, §6.5). */
export const isManagedUser = (org: TSimOrg, user: Pick<TSimUser, "email">): boolean => {
  const domain = user.email.slice(user.email.lastIndexOf("@") + 1);
  return org.domains.some((candidate) => candidate.status === "verified" && candidate.name === domain);
};

export const siteUrl = (org: Pick<TSimOrg, "siteName">): string => `https://${org.siteName}.atlassian.net`;

/** Appends events to the org's log and keeps users' last-active times in step with their logins. */
export const appendEvents = (org: TSimOrg, events: readonly TEvent[], nowMs: number): void => {
  org.events.append(events, nowMs);
  for (const event of events) {
    if (event.attributes.action !== "user_login") continue;
    const user = org.users.get(event.attributes.actor.id);
    const timeMs = Date.parse(event.attributes.time);
    if (user && timeMs <= nowMs && (user.lastActive === null || timeMs > user.lastActive)) user.lastActive = timeMs;
  }
};
