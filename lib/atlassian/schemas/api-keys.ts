import { z } from "zod";
import { listEnvelope } from "./common";

/** An org API key from GET /admin/api-access/v1/orgs/{orgId}/api-keys (ATL-APIACCESS). */
export const ZOrgApiKey = z.looseObject({
  id: z.string(),
  label: z.string().optional(),
  createdAt: z.string().optional(),
  expiresAt: z.string().nullable().optional(),
  lastActiveAt: z.string().nullable().optional(),
  systemAccountId: z.string().optional(),
  resource: z.string().optional(),
  orgId: z.string().optional(),
  createdBy: z.looseObject({ id: z.string(), name: z.string().optional(), email: z.string().optional() }).optional(),
  scopes: z.array(z.string()).optional(),
  targetResources: z.array(z.unknown()).optional(),
});
export type TOrgApiKey = z.infer<typeof ZOrgApiKey>;

export const ZOrgApiKeysPage = listEnvelope(ZOrgApiKey);

/** A user's personal API token from GET /users/{accountId}/manage/api-tokens (a bare array on the wire). */
export const ZUserApiToken = z.looseObject({
  id: z.string(),
  label: z.string().optional(),
  createdAt: z.string().optional(),
  lastAccess: z.string().nullable().optional(),
});
export type TUserApiToken = z.infer<typeof ZUserApiToken>;

export const ZUserApiTokens = z.array(ZUserApiToken);
