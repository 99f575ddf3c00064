import { json, notFound, type TSimResponse } from "../http-kit";
import type { TSimDomain, TSimOrg, TSimPolicy } from "../store/sim-org";
import { orgUrl, type TApiContext } from "./api-context";
import { listLinks, offsetPage } from "./listing";

const PAGE_SIZE = 25;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const orgResource = (baseUrl: string, org: TSimOrg) => {
  const self = `${baseUrl}/admin/v1/orgs/${encodeURIComponent(org.id)}`;
  return {
    id: org.id,
    type: "orgs",
    attributes: { name: org.name },
    relationships: { domains: { links: { related: `${self}/domains` } }, users: { links: { related: `${self}/users` } } },
    links: { self },
  };
};

/** GET /admin/v1/orgs: an org API key sees exactly its own org. */
export const listOrgs = (context: TApiContext): TSimResponse =>
  json(200, { data: [orgResource(context.state.baseUrl, context.org)], links: listLinks(context.state.baseUrl, context.url, null) });

/** GET /admin/v1/orgs/{orgId}. */
export const getOrg = (context: TApiContext): TSimResponse => json(200, { data: orgResource(context.state.baseUrl, context.org) });

const domainResource = (context: TApiContext, domain: TSimDomain) => ({
  id: domain.id,
  type: "domains",
  attributes: { name: domain.name, claim: { type: domain.claimType, status: domain.status } },
  links: { self: `${orgUrl(context)}/domains/${domain.id}` },
});

/** GET /admin/v1/orgs/{orgId}/domains. */
export const listDomains = (context: TApiContext): TSimResponse => {
  const { page, nextCursor } = offsetPage(context.url, "domains", context.org.domains, PAGE_SIZE);
  return json(200, { data: page.map((domain) => domainResource(context, domain)), links: listLinks(context.state.baseUrl, context.url, nextCursor) });
};

/** GET /admin/v1/orgs/{orgId}/domains/{domainId}. */
export const getDomain = (context: TApiContext): TSimResponse => {
  const domain = context.org.domains.find((candidate) => candidate.id === context.params.domainId);
  if (!domain) throw notFound("DOMAIN_NOT_FOUND", "no domain with this id");
  return json(200, { data: domainResource(context, domain) });
};

const policyResource = (context: TApiContext, policy: TSimPolicy) => ({
  id: policy.id,
  type: "policy",
  attributes: {
    type: policy.type,
    name: policy.name,
    status: policy.status,
    rule: policy.rule,
    resources: [{ id: `ari:cloud:platform::org/${context.org.id}`, applicationStatus: "applied" }],
    createdAt: new Date(policy.createdAt).toISOString(),
    updatedAt: new Date(policy.updatedAt).toISOString(),
  },
  links: { self: `${orgUrl(context)}/policies/${policy.id}` },
});

/** GET /admin/v1/orgs/{orgId}/policies[?type=]; authentication, mobile-app and data-security are simulator-only. */
export const listPolicies = (context: TApiContext): TSimResponse => {
  const type = context.url.searchParams.get("type");
  const policies = type ? context.org.policies.filter((policy) => policy.type === type) : context.org.policies;
  const { page, nextCursor } = offsetPage(context.url, `policies:${type ?? ""}`, policies, PAGE_SIZE);
  return json(200, {
    data: page.map((policy) => policyResource(context, policy)),
    meta: { ...(nextCursor ? { next: nextCursor } : {}), page_size: PAGE_SIZE },
    links: listLinks(context.state.baseUrl, context.url, nextCursor),
  });
};

/** GET /admin/v1/orgs/{orgId}/policies/{policyId}. */
export const getPolicy = (context: TApiContext): TSimResponse => {
  const policy = context.org.policies.find((candidate) => candidate.id === context.params.policyId);
  if (!policy) throw notFound("POLICY_NOT_FOUND", "no policy with this id");
  return json(200, { data: policyResource(context, policy) });
};

/** GET /admin/api-access/v1/orgs/{orgId}/api-keys: the org's keys that are not revoked ([S] envelope). */
export const listApiKeys = (context: TApiContext): TSimResponse => {
  const { org } = context;
  const creator = [...org.users.values()].find((user) => user.isAdmin);
  const keys = org.keys.filter((apiKey) => apiKey.revokedAt === null);
  const { page, nextCursor } = offsetPage(context.url, "api-keys", keys, PAGE_SIZE);
  return json(200, {
    data: page.map((apiKey) => ({
      id: apiKey.id,
      label: apiKey.label,
      createdAt: iso(apiKey.createdAt),
      expiresAt: iso(apiKey.expiresAt),
      lastActiveAt: iso(apiKey.lastActiveAt),
      systemAccountId: apiKey.systemAccountId,
      resource: `ari:cloud:platform::org/${org.id}`,
      orgId: org.id,
      createdBy: creator ? { id: creator.accountId, name: creator.name, email: creator.email } : { id: apiKey.systemAccountId, name: "Organization admin" },
      scopes: apiKey.scopes ?? [],
      targetResources: [],
    })),
    links: listLinks(context.state.baseUrl, context.url, nextCursor),
  });
};
