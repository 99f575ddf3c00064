import { z } from "zod";
import { itemEnvelope, listEnvelope, ZSelfLink } from "./common";

const ZRelated = z.looseObject({ links: z.looseObject({ related: z.string().optional() }).optional() });

/** An organization as served by GET /admin/v1/orgs[/{orgId}] (ATL-ORG api-group-orgs). */
export const ZOrg = z.looseObject({
  id: z.string(),
  type: z.literal("orgs"),
  attributes: z.looseObject({ name: z.string() }),
  relationships: z.looseObject({ domains: ZRelated.optional(), users: ZRelated.optional() }).optional(),
  links: ZSelfLink.optional(),
});
export type TOrg = z.infer<typeof ZOrg>;

export const ZOrgsPage = listEnvelope(ZOrg);
export const ZOrgResponse = itemEnvelope(ZOrg);
