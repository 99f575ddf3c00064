import { createAtlassianClient, isAtlassianApiError, type TAtlassianClient } from "../../../atlassian";
import { requiredScopesError, type TAtlassianScope } from "../../../shared/atlassian-scopes";
import { AppError } from "../../../shared/errors";
import { verificationError } from "./describe-api-error";

export const API_TIMEOUT_MS = 15_000;

/** An account id that matches Atlassian's pattern but is never a real account: write probes target it. */
export const SCOPE_PROBE_ACCOUNT_ID = "watchpost-scope-probe";

type Probe = Readonly<{
  scope: TAtlassianScope;
  call: (client: TAtlassianClient, orgId: string) => Promise<unknown>;
  isWrite?: boolean;
  /** A 404 means the API does not offer the call (an older simulator): the feature is off, the connection fine. */
  isAbsentWhenNotFound?: boolean;
}>;

/**
 * One request per scope, none of which can change anything: reads ask for one item; writes target an account
 * that does not exist, which the API refuses with 403 when the scope is missing (checked before the target)
 * and 404 when it is present.
 */
const PROBES: readonly Probe[] = [
  { scope: "read:events:admin", call: (client, orgId) => client.pollEventsStream(orgId, { limit: 1, from: Date.now() }) },
  { scope: "read:directories:admin", call: (client, orgId) => client.listDirectoryUsers(orgId, { limit: 1 }) },
  { scope: "read:domains:admin", call: (client, orgId) => client.listDomains(orgId) },
  { scope: "read:policies:admin", call: (client, orgId) => client.listPolicies(orgId) },
  { scope: "write:directories:admin", call: (client, orgId) => client.suspendAccess(orgId, SCOPE_PROBE_ACCOUNT_ID), isWrite: true },
  { scope: "write:users:admin", call: (client) => client.deleteUserApiToken(SCOPE_PROBE_ACCOUNT_ID, SCOPE_PROBE_ACCOUNT_ID), isWrite: true },
  { scope: "read:workspaces:admin", call: (client, orgId) => client.listWorkspaces(orgId, { limit: 1 }), isAbsentWhenNotFound: true },
];

/** Whether the key has the probe's scope: a 403 says it does not; anything else but success is a real failure. */
const hasScope = async (probe: Probe, client: TAtlassianClient, orgId: string): Promise<boolean> => {
  try {
    await probe.call(client, orgId);
    return true;
  } catch (error) {
    if (isAtlassianApiError(error) && error.kind === "forbidden") return false;
    if (probe.isWrite && isAtlassianApiError(error) && error.kind === "not_found") return true;
    if (probe.isAbsentWhenNotFound && isAtlassianApiError(error) && error.kind === "not_found") return false;
    throw error;
  }
};

export type TVerifiedConnection = { orgName: string | null; missingScopes: TAtlassianScope[] };

/** Reads the org and probes every scope (sequentially: a handful of requests, once per connect or check). */
export const probeConnection = async (options: Readonly<{ baseUrl: string; orgId: string; apiKey: string }>): Promise<TVerifiedConnection> => {
  const client = createAtlassianClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, timeoutMs: API_TIMEOUT_MS });
  try {
    const org = await client.getOrg(options.orgId);
    const missingScopes: TAtlassianScope[] = [];
    for (const probe of PROBES) {
      if (!(await hasScope(probe, client, options.orgId))) missingScopes.push(probe.scope);
    }
    return { orgName: org.attributes.name, missingScopes };
  } catch (error) {
    throw verificationError(error);
  }
};

/**
 * Proves the key works for this org before anything is saved: reads the org, then probes each scope Watchpost
 * uses (a classic key without scopes has them all). Throws an AppError that says precisely what is wrong,
 * including when the key lacks a scope the activity log needs; optional scopes only turn features off.
 */
export const verifyConnection = async (options: Readonly<{ baseUrl: string; orgId: string; apiKey: string }>): Promise<TVerifiedConnection> => {
  const result = await probeConnection(options);
  const refusal = requiredScopesError(result.missingScopes);
  if (refusal) throw new AppError("bad_request", refusal, [{ name: "apiKey", reason: refusal }]);
  return result;
};
