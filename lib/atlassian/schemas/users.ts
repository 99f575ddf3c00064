import { z } from "zod";
import { ZLinks, ZPageMeta, ZSelfLink } from "./common";

export const ZProductAccess = z.looseObject({
  key: z.string(),
  name: z.string().optional(),
  url: z.string().optional(),
  last_active: z.string().nullable().optional(),
});
export type TProductAccess = z.infer<typeof ZProductAccess>;

/** A managed account from GET /admin/v1/orgs/{orgId}/users (verified domains only; snake_case). */
export const ZManagedUser = z.looseObject({
  account_id: z.string(),
  account_type: z.string(),
  /** active | inactive | closed */
  account_status: z.string(),
  name: z.string(),
  picture: z.string().optional(),
  email: z.string().optional(),
  access_billable: z.boolean().optional(),
  last_active: z.string().nullable().optional(),
  product_access: z.array(ZProductAccess).optional(),
  links: ZSelfLink.optional(),
});
export type TManagedUser = z.infer<typeof ZManagedUser>;

export const ZManagedUsersPage = z.looseObject({
  data: z.array(ZManagedUser),
  meta: ZPageMeta.optional(),
  links: ZLinks.optional(),
});

/** A user from the experimental v2 directory API (camelCase), with platform roles such as atlassian/org-admin. */
export const ZDirectoryUser = z.looseObject({
  accountId: z.string(),
  accountType: z.string().optional(),
  status: z.string().optional(),
  accountStatus: z.string().optional(),
  membershipStatus: z.string().optional(),
  addedToOrg: z.string().nullable().optional(),
  name: z.string().optional(),
  nickname: z.string().optional(),
  email: z.string().optional(),
  emailVerified: z.boolean().optional(),
  /** managed | unmanaged */
  claimStatus: z.string().optional(),
  platformRoles: z.array(z.string()).optional(),
  picture: z.string().optional(),
  avatar: z.string().optional(),
  counts: z.looseObject({ resources: z.number().optional() }).optional(),
  links: ZSelfLink.optional(),
});
export type TDirectoryUser = z.infer<typeof ZDirectoryUser>;

export const ZDirectoryUsersPage = z.looseObject({ data: z.array(ZDirectoryUser), links: ZLinks.optional() });

export const ORG_ADMIN_ROLE = "atlassian/org-admin";
