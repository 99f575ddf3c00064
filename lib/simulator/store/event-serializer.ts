import type { EventStore } from "./event-store";

const NEEDS_ESCAPING = /["\\\u0000-\u001f\u2028\u2029]/;
const quote = (value: string): string => (NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`);
const iso = (ms: number): string => new Date(ms).toISOString();

export type TSerializeOptions = {
  /** `${baseUrl}/admin/v1/orgs/${orgId}/events/`: the event's links.self is this plus its id. */
  selfPrefix: string;
  /** /events-stream adds attributes.processedAt; /events does not. */
  withProcessedAt: boolean;
};

/**
 * Writes one stored event as Atlassian-shaped JSON by concatenating pre-serialized fragments. This is the
 * hot path of /events-stream, hence no object building and no JSON.stringify of the whole event.
 */
export const serializeEvent = (store: EventStore, position: number, options: TSerializeOptions): string => {
  const id = store.ids[position] ?? "";
  const fragment = (table: { json: string[] }, index: number | undefined): string | undefined =>
    index === undefined || index < 0 ? undefined : table.json[index];
  let attributes = `"time":"${iso(store.time[position] ?? 0)}"`;
  if (options.withProcessedAt) attributes += `,"processedAt":"${iso(store.processedAt[position] ?? 0)}"`;
  attributes += `,"action":${fragment(store.actions, store.action[position]) ?? '""'}`;
  attributes += `,"actor":${fragment(store.actors, store.actor[position]) ?? "{}"}`;
  const context = fragment(store.contexts, store.context[position]);
  if (context) attributes += `,"context":${context}`;
  const container = fragment(store.containers, store.container[position]);
  if (container) attributes += `,"container":${container}`;
  const location = fragment(store.locations, store.location[position]);
  if (location) attributes += `,"location":${location}`;
  const extra = fragment(store.extras, store.extra[position]);
  if (extra && extra.length > 2) attributes += `,${extra.slice(1, -1)}`;
  const message = fragment(store.messages, store.message[position]);
  const self = quote(options.selfPrefix + encodeURIComponent(id));
  return `{"id":${quote(id)},"type":"events","attributes":{${attributes}},"links":{"self":${self}}${message ? `,"message":${message}` : ""}}`;
};

/** Serializes a list of positions as the `data` array of a page. */
export const serializeEvents = (store: EventStore, positions: readonly number[], options: TSerializeOptions): string =>
  `[${positions.map((position) => serializeEvent(store, position, options)).join(",")}]`;
