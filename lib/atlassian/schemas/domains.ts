import { z } from "zod";
import { itemEnvelope, listEnvelope, ZSelfLink } from "./common";

export const DOMAIN_CLAIM_STATUSES = ["verified", "unverified", "superseded", "missing_token", "deleted"] as const;

/**
 * A domain claim (ATL-ORG api-group-domains). Only accounts on `verified` domains are managed accounts;
 * type and status stay plain strings on the wire so a new enum value never breaks a sync.
 */
export const ZDomain = z.looseObject({
  id: z.string(),
  type: z.literal("domains"),
  attributes: z.looseObject({
    name: z.string(),
    claim: z.looseObject({ type: z.string(), status: z.string() }),
  }),
  links: ZSelfLink.optional(),
});
export type TDomain = z.infer<typeof ZDomain>;

export const ZDomainsPage = listEnvelope(ZDomain);
export const ZDomainResponse = itemEnvelope(ZDomain);
