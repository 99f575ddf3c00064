import { isMalformedEventId } from "../faults";
import { ByteWriter } from "./byte-writer";
import type { EventStore } from "./event-store";

/** Ids that can be copied as-is into both a JSON string and a URL path. */
const PLAIN_ID = /^[A-Za-z0-9._~-]*$/;
const piece = (text: string): Buffer => Buffer.from(text, "utf8");

const OPEN = piece('{"id":"');
const TYPE_AND_TIME = piece('","type":"events","attributes":{"time":"');
const PROCESSED_AT = piece('","processedAt":"');
const ACTION = piece('","action":');
const ACTOR = piece(',"actor":');
const CONTEXT = piece(',"context":');
const CONTAINER = piece(',"container":');
const LOCATION = piece(',"location":');
const COMMA = piece(",");
const LINKS = piece('},"links":{"self":"');
const LINKS_END = piece('"}');
const MESSAGE = piece(',"message":');
const CLOSE = piece("}");
const ACTION_OBJECT_OPEN = piece('{"key":');
const EMPTY_OBJECT = piece("{}");
const EMPTY_STRING = piece('""');
const OPEN_ARRAY = piece("[");
const CLOSE_ARRAY = piece("]");
const FIXED_BYTES = OPEN.length + TYPE_AND_TIME.length + PROCESSED_AT.length + ACTION.length + ACTOR.length + CONTEXT.length + CONTAINER.length + LOCATION.length;
const MORE_FIXED_BYTES = COMMA.length + LINKS.length + LINKS_END.length + MESSAGE.length + CLOSE.length + 2 * 24 + 16;

export type TSerializeOptions = {
  /** `${baseUrl}/admin/v1/orgs/${orgId}/events/`, UTF-8 encoded: an event's links.self is this plus its id. */
  selfPrefix: Buffer;
  /** /events-stream adds attributes.processedAt; /events does not. */
  withProcessedAt: boolean;
  /** The event-shape faults, when they apply to the request. */
  shapes?: TEventShapes;
};

/** malformedEventRate and singleObjectResources of the fault settings, plus a counter for the stats. */
export type TEventShapes = Readonly<{
  malformedEventRate: number;
  singleObjectResources: boolean;
  onFault: (kind: "malformed-event" | "single-object-resource") => void;
}>;

/** The fragment as a lone object when the fault asks for it and it is a one-item array. */
const resourceFragment = (table: { bytes: Buffer[]; single: (index: number) => Buffer | null }, index: number | undefined, shapes: TEventShapes | undefined): Buffer => {
  if (shapes?.singleObjectResources && index !== undefined && index >= 0) {
    const single = table.single(index);
    if (single) {
      shapes.onFault("single-object-resource");
      return single;
    }
  }
  return fragmentAt(table, index);
};

const NONE = Buffer.alloc(0);
const fragmentAt = (table: { bytes: Buffer[] }, index: number | undefined): Buffer => (index === undefined || index < 0 ? NONE : (table.bytes[index] ?? NONE));

/** The rare id that needs escaping goes the slow way: JSON-escaped in the body, percent-encoded in the link. */
const writeOddId = (writer: ByteWriter, id: string, inUrl: boolean): void => {
  const text = inUrl ? encodeURIComponent(id) : JSON.stringify(id).slice(1, -1);
  writer.utf8(text);
};

/**
 * Writes one stored event as Atlassian-shaped JSON by copying pre-encoded fragments into the page buffer.
 * This is the hot path of /events-stream (about a microsecond per event): no objects, no JSON.stringify,
 * no Date, one capacity check per event.
 */
export const writeEvent = (writer: ByteWriter, store: EventStore, position: number, options: TSerializeOptions): void => {
  const id = store.ids[position] ?? "";
  const isPlain = PLAIN_ID.test(id);
  const action = fragmentAt(store.actions, store.action[position]);
  const actor = fragmentAt(store.actors, store.actor[position]);
  const { shapes } = options;
  const context = resourceFragment(store.contexts, store.context[position], shapes);
  const container = resourceFragment(store.containers, store.container[position], shapes);
  const isMalformed = shapes !== undefined && isMalformedEventId(id, shapes.malformedEventRate);
  if (isMalformed) shapes.onFault("malformed-event");
  const location = fragmentAt(store.locations, store.location[position]);
  const extra = fragmentAt(store.extras, store.extra[position]);
  const message = fragmentAt(store.messages, store.message[position]);
  const fragments = action.length + actor.length + context.length + container.length + location.length + extra.length + message.length;
  writer.reserve(FIXED_BYTES + MORE_FIXED_BYTES + ACTION_OBJECT_OPEN.length + 1 + fragments + options.selfPrefix.length + 2 * id.length + 4);
  writer.putBytes(OPEN);
  if (isPlain) writer.putAscii(id);
  else writeOddId(writer, id, false);
  writer.putBytes(TYPE_AND_TIME).putIsoDate(store.time[position] ?? 0);
  if (options.withProcessedAt) writer.putBytes(PROCESSED_AT).putIsoDate(store.processedAt[position] ?? 0);
  writer.putBytes(ACTION);
  // The malformed-event fault: the action as an object, a shape no schema of ours accepts.
  if (isMalformed) writer.putBytes(ACTION_OBJECT_OPEN).putBytes(action.length > 0 ? action : EMPTY_STRING).putBytes(CLOSE);
  else writer.putBytes(action.length > 0 ? action : EMPTY_STRING);
  writer.putBytes(ACTOR).putBytes(actor.length > 0 ? actor : EMPTY_OBJECT);
  if (context.length > 0) writer.putBytes(CONTEXT).putBytes(context);
  if (container.length > 0) writer.putBytes(CONTAINER).putBytes(container);
  if (location.length > 0) writer.putBytes(LOCATION).putBytes(location);
  // An extras fragment is a JSON object; its members are spliced into attributes.
  if (extra.length > 2) writer.putBytes(COMMA).putBytes(extra.subarray(1, extra.length - 1));
  writer.putBytes(LINKS).putBytes(options.selfPrefix);
  if (isPlain) writer.putAscii(id);
  else writeOddId(writer, id, true);
  writer.putBytes(LINKS_END);
  if (message.length > 0) writer.putBytes(MESSAGE).putBytes(message);
  writer.putBytes(CLOSE);
};

/** Writes the positions as a JSON array (the `data` of a page). */
export const writeEvents = (writer: ByteWriter, store: EventStore, positions: readonly number[], options: TSerializeOptions): void => {
  writer.bytes(OPEN_ARRAY);
  for (let i = 0; i < positions.length; i++) {
    if (i > 0) writer.bytes(COMMA);
    writeEvent(writer, store, positions[i] ?? 0, options);
  }
  writer.bytes(CLOSE_ARRAY);
};

/** One event as a Buffer of JSON. */
export const serializeEvent = (store: EventStore, position: number, options: TSerializeOptions): Buffer => {
  const writer = new ByteWriter(4096);
  writeEvent(writer, store, position, options);
  return writer.result();
};
