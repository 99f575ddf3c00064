import { z } from "zod";
import { itemEnvelope, listEnvelope, ZSelfLink } from "./common";

/** Present when the actor authenticated with a token rather than interactively (ATL-ORG §1.4). */
export const ZActorAuth = z.looseObject({
  authType: z.string(),
  tokenId: z.string().optional(),
  tokenLabel: z.string().optional(),
});

/** The person an impersonating actor acted for. */
export const ZOnBehalfOf = z.looseObject({ id: z.string(), name: z.string().optional(), email: z.string().optional() });

/** Who did it. System events carry `name: "Atlassian Internal System"` and no email. */
export const ZEventActor = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  auth: ZActorAuth.optional(),
  onBehalfOf: ZOnBehalfOf.optional(),
  links: ZSelfLink.optional(),
});
export type TEventActor = z.infer<typeof ZEventActor>;

/** An entry of `context` (what was acted on) or `container` (where: org or site). */
export const ZEventResource = z.looseObject({
  id: z.string().optional(),
  type: z.string(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  links: z.looseObject({ self: z.string().optional(), alt: z.string().optional() }).optional(),
});
export type TEventResource = z.infer<typeof ZEventResource>;

/**
 * `geo` is unconfirmed: our notes ([S]) and the simulator use "lat,lon", third-party docs show a coarse
 * region label ("EU", "NA"). Both are accepted as text; normalize-event.ts reads coordinates when they parse.
 */
export const ZEventLocation = z.looseObject({
  ip: z.string().optional(),
  geo: z.string().optional(),
  countryName: z.string().optional(),
  regionName: z.string().optional(),
  city: z.string().optional(),
});
export type TEventLocation = z.infer<typeof ZEventLocation>;

/**
 * `context` and `container` are arrays in Atlassian's samples, but third-party integration docs also show a
 * single object: both mean the same, so a lone object becomes a one-item array, and null means none.
 */
const resourceList = z
  .union([z.array(ZEventResource), ZEventResource.transform((resource) => [resource]), z.null().transform(() => undefined)], {
    error: "expected an array of resources or a single resource",
  })
  .optional();

export const ZEventMessage = z.looseObject({ content: z.string(), format: z.string().optional() });

export const ZEventAttributes = z.looseObject({
  time: z.string(),
  /** Only on /events-stream: when Atlassian processed the event; the stream is ordered by it. */
  processedAt: z.string().optional(),
  action: z.string(),
  actor: ZEventActor,
  context: resourceList,
  container: resourceList,
  location: ZEventLocation.optional(),
});

/** One audit-log event as served by /events, /events/{id} and /events-stream. */
export const ZEvent = z.looseObject({
  id: z.string(),
  type: z.literal("events"),
  attributes: ZEventAttributes,
  links: ZSelfLink.optional(),
  message: ZEventMessage.optional(),
});
export type TEvent = z.infer<typeof ZEvent>;

export const ZEventsPage = listEnvelope(ZEvent);
export type TEventsPage = z.infer<typeof ZEventsPage>;

/**
 * A page whose events are not checked yet: the envelope must be right (else the whole page is `malformed`
 * and retried), each event is then parsed on its own so that one event of an unexpected shape can be set
 * aside (quarantined) without blocking the others.
 */
export const ZUncheckedEventsPage = listEnvelope(z.unknown());

export const ZEventResponse = itemEnvelope(ZEvent);

/** An entry of the /event-actions catalogue: machine key → display names. */
export const ZEventAction = z.looseObject({
  id: z.string(),
  type: z.string(),
  attributes: z.looseObject({ displayName: z.string(), groupDisplayName: z.string().optional() }),
});
export type TEventAction = z.infer<typeof ZEventAction>;

export const ZEventActionsPage = listEnvelope(ZEventAction);

/** Sort orders of /events-stream; the default is ascending processedAt. */
export const ZSortOrder = z.enum(["asc", "desc"]);
export type TSortOrder = z.infer<typeof ZSortOrder>;
