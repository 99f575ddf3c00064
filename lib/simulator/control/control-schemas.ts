import { z } from "zod";
import { ZEvent, ZEventAttributes } from "../../atlassian/schemas/events";
import { ZApiKeyDefinition, ZPolicyDefinition, ZUserDefinition } from "../org-definition";
import { EPISODE_KINDS } from "../scenario/episode-label";

/** Body of POST /__sim/orgs/{orgId}/events: Atlassian-shaped events; processedAt defaults to now. */
export const ZPostedEvents = z.array(ZEvent.extend({ attributes: ZEventAttributes.extend({ time: z.iso.datetime({ offset: true }) }) })).max(100_000);

/** Body of POST /__sim/orgs/{orgId}/users: users added to a running org. */
export const ZPostedUsers = z.array(ZUserDefinition).max(100_000);

/** Body of PUT /__sim/orgs/{orgId}/policies: the org's new policy list (replaces the old one). */
export const ZPutPolicies = z.array(ZPolicyDefinition).max(1000);

/** Body of POST /__sim/orgs/{orgId}/keys: one more key for the org (e.g. to test rotation). */
export const ZPostedKey = ZApiKeyDefinition;

/** Body of POST /__sim/orgs/{orgId}/episodes: plants an attack episode that ends now. */
export const ZPostedEpisode = z.object({ kind: z.enum(EPISODE_KINDS), accountId: z.string().optional(), label: z.string().optional() });
