import { z } from "zod";

export const ZSiteParams = z.object({
  id: z.uuid({ error: "Unknown connector id" }),
  siteId: z.uuid({ error: "Unknown site id" }),
});

export const ZSetSiteProtectionInput = z.strictObject({ isProtected: z.boolean({ error: "isProtected must be true or false" }) });
export type TSetSiteProtectionInput = z.infer<typeof ZSetSiteProtectionInput>;

export const ZSiteDto = z.object({
  id: z.string(),
  host: z.string(),
  name: z.string(),
  products: z.array(z.string()),
  isProtected: z.boolean(),
  protectedAt: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** The origin to give users (https://<host>.<proxy domain>[:port]) while the site is protected. */
  proxiedUrl: z.string().nullable(),
});
export type TSiteDto = z.infer<typeof ZSiteDto>;

/** GET /api/v1/connectors/{id}/sites; `canListSites` is false when the key lacks read:workspaces:admin. */
export const ZSiteList = z.object({ data: z.array(ZSiteDto), canListSites: z.boolean() });
export type TSiteList = z.infer<typeof ZSiteList>;
