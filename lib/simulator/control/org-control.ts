import { json, SimHttpError, type TSimResponse } from "../http-kit";
import { ZOrgDefinition, type TOrgDefinition } from "../org-definition";
import { plantEpisode } from "../scenario/episodes";
import { Prng } from "../scenario/prng";
import { ZScenario } from "../scenario/schema";
import { buildWorld } from "../scenario/world";
import { addApiKey, registerOrg, removeOrg } from "../state";
import { appendEvents, createSimOrg, isManagedUser, toSimApiKey, toSimPolicy, toSimUser, type TSimOrg } from "../store/sim-org";
import { orgOf, parseBody, type TControlContext } from "./control-context";
import { ZPostedEpisode, ZPostedEvents, ZPostedKey, ZPostedUsers, ZPutPolicies } from "./control-schemas";

/** What the control API shows of an org: enough to connect to it. */
export const orgSummary = (org: TSimOrg) => ({
  id: org.id,
  name: org.name,
  apiKeys: org.keys.map((apiKey) => ({
    key: apiKey.key,
    expiresAt: apiKey.expiresAt === null ? null : new Date(apiKey.expiresAt).toISOString(),
    revoked: apiKey.revokedAt !== null,
    ...(apiKey.scopes ? { scopes: [...apiKey.scopes] } : {}),
  })),
  users: org.users.size,
  events: org.events.size,
});

/** GET /__sim/orgs. */
export const listOrgs = (context: TControlContext): TSimResponse => json(200, { orgs: [...context.state.orgs.values()].map(orgSummary) });

/** POST /__sim/orgs → 201, 409 when the id or a key is taken. */
export const createOrg = async (context: TControlContext): Promise<TSimResponse> => {
  const definition = await parseBody(context, ZOrgDefinition);
  const { state } = context;
  if (state.orgs.has(definition.id)) throw new SimHttpError(409, "ORG_EXISTS", `organization ${definition.id} already exists`);
  if (definition.apiKeys.some((apiKey) => state.keys.has(apiKey.key))) throw new SimHttpError(409, "KEY_EXISTS", "an API key is already in use");
  const org = createSimOrg(definition, state.now());
  registerOrg(state, org);
  return json(201, orgSummary(org));
};

/** DELETE /__sim/orgs/{orgId}. */
export const deleteOrg = (context: TControlContext): TSimResponse => {
  orgOf(context);
  removeOrg(context.state, context.params.orgId ?? "");
  return { status: 204 };
};

/** POST /__sim/orgs/{orgId}/events → 202 `{appended}`; processedAt defaults to now. */
export const postEvents = async (context: TControlContext): Promise<TSimResponse> => {
  const org = orgOf(context);
  const events = await parseBody(context, ZPostedEvents);
  appendEvents(org, events, context.state.now());
  return json(202, { appended: events.length, total: org.events.size });
};

/** GET /__sim/orgs/{orgId}/users: each user's state and the governance calls received for it. */
export const listUsers = (context: TControlContext): TSimResponse => {
  const org = orgOf(context);
  return json(200, {
    users: [...org.users.values()].map((user) => ({
      accountId: user.accountId,
      name: user.name,
      email: user.email,
      admin: user.isAdmin,
      managed: isManagedUser(org, user),
      status: user.status,
      products: user.products,
      apiTokenIds: user.apiTokens.map((token) => token.id),
      revokedTokenIds: user.revokedTokenIds,
      governanceCalls: user.governanceCalls,
    })),
  });
};

/** POST /__sim/orgs/{orgId}/users → 201; adds users (409 when an account id exists). */
export const postUsers = async (context: TControlContext): Promise<TSimResponse> => {
  const org = orgOf(context);
  const users = await parseBody(context, ZPostedUsers);
  const taken = users.find((user) => org.users.has(user.accountId));
  if (taken) throw new SimHttpError(409, "USER_EXISTS", `user ${taken.accountId} already exists`);
  for (const user of users) org.users.set(user.accountId, toSimUser(org.id, user, context.state.now()));
  return json(201, { added: users.length, total: org.users.size });
};

/** PUT /__sim/orgs/{orgId}/policies: replaces the org's policies (posture changes). */
export const putPolicies = async (context: TControlContext): Promise<TSimResponse> => {
  const org = orgOf(context);
  const policies = await parseBody(context, ZPutPolicies);
  const nowMs = context.state.now();
  org.policies = policies.map((policy, index) => ({ ...toSimPolicy(org.id, policy, index, nowMs), updatedAt: nowMs }));
  return json(200, { policies: org.policies.length });
};

/** POST /__sim/orgs/{orgId}/keys → 201: an additional API key. */
export const postKey = async (context: TControlContext): Promise<TSimResponse> => {
  const org = orgOf(context);
  const definition = await parseBody(context, ZPostedKey);
  if (context.state.keys.has(definition.key)) throw new SimHttpError(409, "KEY_EXISTS", "the API key is already in use");
  addApiKey(context.state, org, toSimApiKey(org.id, definition, context.state.now()));
  return json(201, orgSummary(org));
};

/** POST /__sim/orgs/{orgId}/keys/{key}/expire and /revoke: the key answers 401 from now on. */
export const changeKey = (change: "expire" | "revoke") => (context: TControlContext): TSimResponse => {
  const org = orgOf(context);
  const apiKey = org.keys.find((candidate) => candidate.key === context.params.key);
  if (!apiKey) throw new SimHttpError(404, "KEY_NOT_FOUND", "no such API key in this organization");
  const nowMs = context.state.now();
  if (change === "expire") apiKey.expiresAt = nowMs;
  else apiKey.revokedAt = nowMs;
  return json(200, { key: apiKey.key, expiresAt: apiKey.expiresAt === null ? null : new Date(apiKey.expiresAt).toISOString(), revoked: apiKey.revokedAt !== null });
};

/** GET /__sim/orgs/{orgId}/episodes: ground-truth labels of planted attack episodes. */
export const listEpisodes = (context: TControlContext): TSimResponse => json(200, { episodes: orgOf(context).episodes });

const definitionOf = (org: TSimOrg): TOrgDefinition => ({
  id: org.id,
  name: org.name,
  siteName: org.siteName,
  sites: org.sites.map((site) => ({ name: site.name, products: [...site.products] })),
  apiKeys: org.keys.map((apiKey) => ({ key: apiKey.key, ...(apiKey.scopes ? { scopes: [...apiKey.scopes] } : {}) })),
  domains: org.domains.map((domain) => ({ name: domain.name, status: domain.status, claimType: domain.claimType })),
  users: [...org.users.values()].map((user) => ({
    accountId: user.accountId,
    name: user.name,
    email: user.email,
    admin: user.isAdmin,
    status: user.status,
    apiTokens: user.apiTokens.map((token) => ({ id: token.id, label: token.label })),
  })),
});

/** POST /__sim/orgs/{orgId}/episodes → 201: plants an attack episode that ends now, processed now. */
export const postEpisode = async (context: TControlContext): Promise<TSimResponse> => {
  const org = orgOf(context);
  const request = await parseBody(context, ZPostedEpisode);
  const { state } = context;
  const nowMs = state.now();
  const world = buildWorld(ZScenario.parse({ org: definitionOf(org), days: 0 }), state.seed);
  const label = `control:${org.episodes.length}:${nowMs}`;
  const plant = (atMs: number) => {
    try {
      return plantEpisode(world, new Prng(state.seed).fork(label), { ...request, atMs });
    } catch (error) {
      throw new SimHttpError(400, "EPISODE_NOT_POSSIBLE", (error as Error).message);
    }
  };
  // Plant once to learn the duration, then again (same stream) so the episode ends now.
  const probe = plant(nowMs);
  const planted = plant(nowMs - (Date.parse(probe.label.endedAt) - Date.parse(probe.label.startedAt)));
  appendEvents(org, planted.events, nowMs);
  org.episodes.push(planted.label);
  return json(201, planted.label);
};
