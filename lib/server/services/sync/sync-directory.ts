import { ORG_ADMIN_ROLE, type TAtlassianClient, type TPage, type TRateFamily } from "../../../atlassian";
import { missingScopesOf } from "../../../shared/atlassian-scopes";
import { replaceDirectorySnapshot, type DirectoryUserRow } from "../../repositories/directory-repository";

const MAX_PAGES = 1000;

/** Walks every page of a cursor-paginated list, asking the rate gate before each request. */
const collect = async <T>(acquire: () => Promise<void>, fetchPage: (cursor?: string) => Promise<TPage<T>>): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    await acquire();
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.nextCursor || page.items.length === 0) break;
    cursor = page.nextCursor;
  }
  return items;
};

const STATUS: Record<string, string> = { active: "active", inactive: "deactivated", closed: "deactivated", suspended: "suspended" };

/**
 * Users (managed accounts, with org-admin from the directory's platformRoles), domains and policies of
 * one org, stored as a fresh snapshot. Returns the number of users (null when the key may not read them).
 */
export const syncDirectory = async (
  options: Readonly<{ client: TAtlassianClient; orgId: string; connectorId: string; acquire: (family: TRateFamily) => Promise<void>; now: Date; missingScopes?: readonly string[] }>,
) => {
  const { client, orgId, acquire } = options;
  const missing = options.missingScopes ?? [];
  // A key without the directory scopes keeps the last snapshot (the activity filter needs it); one without the
  // policies scope stores none rather than asking for a 403 every 15 minutes.
  if (missingScopesOf("directory", missing).length > 0) return { users: null };
  const hasPolicies = missingScopesOf("posture", missing).length === 0;
  const [managed, directory, domains, policies] = [
    await collect(() => acquire("directory"), (cursor) => client.listManagedUsers(orgId, { cursor })),
    await collect(() => acquire("directory"), (cursor) => client.listDirectoryUsers(orgId, { cursor })),
    await collect(() => acquire("directory"), (cursor) => client.listDomains(orgId, { cursor })),
    hasPolicies ? await collect(() => acquire("policies"), (cursor) => client.listPolicies(orgId, { cursor })) : [],
  ];
  const byAccount = new Map(directory.map((u) => [u.accountId, u]));
  const users: DirectoryUserRow[] = managed.map((u) => {
    const dir = byAccount.get(u.account_id);
    const roles = dir?.platformRoles ?? [];
    const email = u.email?.toLowerCase() ?? dir?.email?.toLowerCase() ?? null;
    const suspended = dir?.membershipStatus === "suspended" || dir?.status === "suspended";
    return {
      accountId: u.account_id,
      name: u.name,
      email,
      domain: email?.split("@")[1] ?? null,
      status: suspended ? "suspended" : (STATUS[u.account_status] ?? u.account_status),
      isAdmin: roles.includes(ORG_ADMIN_ROLE),
      platformRoles: roles,
      lastActiveAt: u.last_active ? new Date(u.last_active) : null,
      raw: u,
    };
  });
  await replaceDirectorySnapshot(options.connectorId, {
    users,
    domains: domains.map((d) => ({ name: d.attributes.name.toLowerCase(), status: d.attributes.claim.status, claimType: d.attributes.claim.type })),
    policies: policies.map((p) => ({ policyId: p.id, type: p.attributes.type, name: p.attributes.name ?? null, status: p.attributes.status ?? null, attributes: p.attributes })),
    at: options.now,
  });
  return { users: users.length };
};
