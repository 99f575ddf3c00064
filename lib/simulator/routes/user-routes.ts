import { ORG_ADMIN_ROLE } from "../../atlassian/schemas/users";
import { PRODUCT_NAMES } from "../org-definition";
import { json, type TSimResponse } from "../http-kit";
import { isManagedUser, siteUrl, type TSimOrg, type TSimUser } from "../store/sim-org";
import type { TApiContext } from "./api-context";
import { listLinks, offsetPage, parseLimit } from "./listing";

const V1_PAGE_SIZE = 50;
const PICTURE = "https://avatar-management.services.atlassian.com/default/48";
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const profileUrl = (baseUrl: string, accountId: string): string => `${baseUrl}/users/${encodeURIComponent(accountId)}/manage/profile`;

/** Suspended users keep their account but lose product access; deactivated accounts are "inactive". */
const productAccess = (org: TSimOrg, user: TSimUser) =>
  user.status === "active"
    ? user.products.map((key) => ({
        key,
        name: PRODUCT_NAMES[key],
        url: key === "confluence" ? `${siteUrl(org)}/wiki` : siteUrl(org),
        last_active: iso(user.lastActive),
      }))
    : [];

const managedUser = (baseUrl: string, org: TSimOrg, user: TSimUser) => ({
  account_id: user.accountId,
  account_type: "atlassian",
  account_status: user.status === "deactivated" ? "inactive" : "active",
  name: user.name,
  picture: PICTURE,
  email: user.email,
  access_billable: user.status === "active" && user.products.length > 0,
  last_active: iso(user.lastActive),
  product_access: productAccess(org, user),
  links: { self: profileUrl(baseUrl, user.accountId) },
});

/** GET /admin/v1/orgs/{orgId}/users: managed accounts only, i.e. users on verified domains. */
export const listManagedUsers = (context: TApiContext): TSimResponse => {
  const { org, state, url } = context;
  const managed = [...org.users.values()].filter((user) => isManagedUser(org, user));
  const { page, nextCursor } = offsetPage(url, "users-v1", managed, V1_PAGE_SIZE);
  return json(200, {
    data: page.map((user) => managedUser(state.baseUrl, org, user)),
    meta: { total: managed.length },
    links: listLinks(state.baseUrl, url, nextCursor),
  });
};

const directoryUser = (context: TApiContext, user: TSimUser) => {
  const isManaged = isManagedUser(context.org, user);
  return {
    accountId: user.accountId,
    accountType: "atlassian",
    status: user.status,
    accountStatus: user.status === "deactivated" ? "inactive" : "active",
    membershipStatus: user.status === "suspended" ? "suspended" : "active",
    addedToOrg: iso(user.addedToOrg),
    name: user.name,
    nickname: user.email.slice(0, user.email.indexOf("@")),
    email: user.email,
    emailVerified: true,
    claimStatus: isManaged ? "managed" : "unmanaged",
    platformRoles: user.isAdmin ? [ORG_ADMIN_ROLE] : [],
    picture: PICTURE,
    avatar: PICTURE,
    counts: { resources: user.status === "active" ? user.products.length : 0 },
    links: { self: `${context.state.baseUrl}/admin/v2/orgs/${encodeURIComponent(context.org.id)}/directories/-/users/${encodeURIComponent(user.accountId)}` },
  };
};

/**
 * GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users: every user of the org (one directory, `-`),
 * managed or not, with claimStatus and platformRoles. Filters: claimStatus, accountIds, status.
 */
export const listDirectoryUsers = (context: TApiContext): TSimResponse => {
  const { org, url, state } = context;
  const limit = parseLimit(url, 100, 100);
  const claimStatus = url.searchParams.get("claimStatus");
  const accountIds = url.searchParams.getAll("accountIds").flatMap((value) => value.split(",")).filter(Boolean);
  const statuses = url.searchParams.getAll("status").flatMap((value) => value.split(",")).filter(Boolean);
  const users = [...org.users.values()].filter(
    (user) =>
      (claimStatus === null || (claimStatus === "managed") === isManagedUser(org, user)) &&
      (accountIds.length === 0 || accountIds.includes(user.accountId)) &&
      (statuses.length === 0 || statuses.includes(user.status)),
  );
  const listing = `users-v2:${claimStatus ?? ""}:${accountIds.join(",")}:${statuses.join(",")}`;
  const { page, nextCursor } = offsetPage(url, listing, users, limit);
  return json(200, { data: page.map((user) => directoryUser(context, user)), links: listLinks(state.baseUrl, url, nextCursor) });
};
