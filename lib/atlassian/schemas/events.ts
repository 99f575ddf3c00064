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

/** `geo` is "lat,lon" ([S]: the real format is unconfirmed). */
export const ZEventLocation = z.looseObject({
  ip: z.string().optional(),
  geo: z.string().optional(),
  countryName: z.string().optional(),
  regionName: z.string().optional(),
  city: z.string().optional(),
});
export type TEventLocation = z.infer<typeof ZEventLocation>;

export const ZEventMessage = z.looseObject({ content: z.string(), format: z.string().optional() });

export const ZEventAttributes = z.looseObject({
  time: z.string(),
  /** Only on /events-stream: when Atlassian processed the event; the stream is ordered by it. */
  processedAt: z.string().optional(),
  action: z.string(),
  actor: ZEventActor,
  context: z.array(ZEventResource).optional(),
  container: z.array(ZEventResource).optional(),
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
