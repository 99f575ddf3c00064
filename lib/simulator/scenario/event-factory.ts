import { SYSTEM_ACTOR_NAME } from "../../atlassian/event-actions";
import type { TEvent, TEventActor, TEventLocation, TEventResource } from "../../atlassian/schemas/events";
import type { TPlace } from "./geo";

/** Generated events link to the real API host, as Atlassian's do; envelope links point at the simulator. */
export const ATLASSIAN_API = "https://api.atlassian.com";
/** [S] Account id of system activity; Atlassian shows such events under "Atlassian Internal System". */
export const SYSTEM_ACCOUNT_ID = "atlassian-internal-system";

export type TPerson = { accountId: string; name: string; email: string };
export type TTokenUse = { tokenId: string; tokenLabel: string; authType?: string };

export type TEventSpec = {
  id: string;
  timeMs: number;
  processedAtMs?: number;
  action: string;
  actor: TEventActor;
  context?: TEventResource[];
  container?: TEventResource[];
  location?: TEventLocation;
  message: string;
};

const profileLink = (accountId: string) => ({ self: `${ATLASSIAN_API}/users/${accountId}/manage/profile` });

/**
 * Builds Atlassian-shaped events for one org. Fragments (actors, contexts, locations, messages) are cached
 * and reused as the same objects, which the event store interns by identity: generating a million events
 * then costs little memory and no repeated JSON.stringify.
 */
export class EventFactory {
  private readonly cache = new Map<string, unknown>();
  // Hot lookups get their own maps keyed without string building: the generator calls them per event.
  private readonly plainActors = new Map<string, TEventActor>();
  private readonly userContexts = new Map<string, TEventResource[]>();
  private readonly locations = new Map<string, TEventLocation>();
  private readonly messages = new Map<string, { content: string; format: string }>();

  private readonly eventsUrl: string;

  constructor(private readonly org: { id: string; name: string; siteName: string }) {
    this.eventsUrl = `${ATLASSIAN_API}/admin/v1/orgs/${org.id}/events/`;
  }

  private cached<T>(key: string, build: () => T): T {
    let value = this.cache.get(key) as T | undefined;
    if (value === undefined) {
      value = build();
      this.cache.set(key, value);
    }
    return value;
  }

  actor(person: TPerson, options?: { token?: TTokenUse; onBehalfOf?: TPerson }): TEventActor {
    const token = options?.token;
    const onBehalfOf = options?.onBehalfOf;
    if (!token && !onBehalfOf) {
      let actor = this.plainActors.get(person.accountId);
      if (!actor) {
        actor = { id: person.accountId, name: person.name, email: person.email, links: profileLink(person.accountId) };
        this.plainActors.set(person.accountId, actor);
      }
      return actor;
    }
    return this.cached(`actor|${person.accountId}|${token?.tokenId ?? ""}|${onBehalfOf?.accountId ?? ""}`, () => ({
      id: person.accountId,
      name: person.name,
      email: person.email,
      ...(token ? { auth: { authType: token.authType ?? "api-token", tokenId: token.tokenId, tokenLabel: token.tokenLabel } } : {}),
      ...(onBehalfOf ? { onBehalfOf: { id: onBehalfOf.accountId, name: onBehalfOf.name, email: onBehalfOf.email } } : {}),
      links: profileLink(person.accountId),
    }));
  }

  /** "Atlassian Internal System": no email, no location. */
  systemActor(): TEventActor {
    return this.cached("actor|system", () => ({ id: SYSTEM_ACCOUNT_ID, name: SYSTEM_ACTOR_NAME }));
  }

  private userResource(person: TPerson): TEventResource {
    return this.cached(`user|${person.accountId}`, () => ({
      id: person.accountId,
      type: "users",
      attributes: { accountType: "atlassian", email: person.email, name: person.name },
      links: profileLink(person.accountId),
    }));
  }

  userContext(person: TPerson): TEventResource[] {
    let context = this.userContexts.get(person.accountId);
    if (!context) {
      context = [this.userResource(person)];
      this.userContexts.set(person.accountId, context);
    }
    return context;
  }

  /** Context of a change to something (group, product, policy, key) optionally concerning a user. */
  objectContext(type: string, id: string, name: string, person?: TPerson): TEventResource[] {
    return this.cached(`ctx|${type}|${id}|${person?.accountId ?? ""}`, () => [
      { id, type, attributes: { name } },
      ...(person ? [this.userResource(person)] : []),
    ]);
  }

  orgContainer(): TEventResource[] {
    return this.cached("container|org", () => [
      { id: this.org.id, type: "orgs", attributes: { name: this.org.name }, links: { self: `${ATLASSIAN_API}/admin/v1/orgs/${this.org.id}` } },
    ]);
  }

  siteContainer(): TEventResource[] {
    return this.cached("container|site", () => {
      const url = `https://${this.org.siteName}.atlassian.net`;
      return [{ id: `site-${this.org.id}`, type: "sites", attributes: { siteHostName: url, siteName: this.org.siteName }, links: { alt: url } }];
    });
  }

  /** geo is "lat,lon" with four decimals ([S]). */
  location(ip: string, place: TPlace): TEventLocation {
    let location = this.locations.get(ip);
    if (!location) {
      location = { ip, geo: `${place.lat.toFixed(4)},${place.lon.toFixed(4)}`, countryName: place.country, regionName: place.region, city: place.city };
      this.locations.set(ip, location);
    }
    return location;
  }

  private message(content: string): { content: string; format: string } {
    let message = this.messages.get(content);
    if (!message) {
      message = { content, format: "simple" };
      this.messages.set(content, message);
    }
    return message;
  }

  event(spec: TEventSpec): TEvent {
    // Built property by property rather than with conditional spreads, which are slow on this hot path.
    const attributes: TEvent["attributes"] = { time: new Date(spec.timeMs).toISOString(), action: spec.action, actor: spec.actor };
    if (spec.processedAtMs !== undefined) attributes.processedAt = new Date(spec.processedAtMs).toISOString();
    if (spec.context) attributes.context = spec.context;
    attributes.container = spec.container ?? this.orgContainer();
    if (spec.location) attributes.location = spec.location;
    return { id: spec.id, type: "events", attributes, links: { self: `${this.eventsUrl}${spec.id}` }, message: this.message(spec.message) };
  }
}
