import { EVENT_ACTIONS } from "../../atlassian/event-actions";
import { json, notFound, type TSimResponse } from "../http-kit";
import { decodeCursor, encodeCursor, ZEventsCursor } from "../store/cursor";
import { ByteWriter } from "../store/byte-writer";
import { writeEvent, writeEvents } from "../store/event-serializer";
import type { EventStore } from "../store/event-store";
import { eventShapes, orgUrl, type TApiContext } from "./api-context";
import { listLinks, parseEpoch, parseLimit, selfLink } from "./listing";

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 500;

type TFilter = (position: number) => boolean;

const maskOf = (size: number, isMatch: (index: number) => boolean): Uint8Array => {
  const mask = new Uint8Array(size);
  for (let i = 0; i < size; i++) if (isMatch(i)) mask[i] = 1;
  return mask;
};
const hit = (mask: Uint8Array, index: number | undefined): boolean => index !== undefined && index >= 0 && mask[index] === 1;

/**
 * Builds the /events filters. Free-text and list filters are evaluated once per distinct fragment (a few
 * thousand), then each event costs an array lookup. [S] `product` and `location` match text in the
 * context/container and location fragments; `actor` matches an actor id or email.
 */
const buildFilters = (store: EventStore, url: URL): TFilter[] => {
  const filters: TFilter[] = [];
  const params = url.searchParams;
  const from = parseEpoch(url, "from");
  const to = parseEpoch(url, "to");
  if (from !== null) filters.push((i) => (store.time[i] ?? 0) >= from);
  if (to !== null) filters.push((i) => (store.time[i] ?? 0) <= to);
  const action = params.get("action");
  if (action) {
    const mask = maskOf(store.actions.size, (i) => store.actions.json[i] === JSON.stringify(action));
    filters.push((i) => hit(mask, store.action[i]));
  }
  const actors = params.getAll("actor").filter(Boolean);
  if (actors.length > 0) {
    const mask = maskOf(store.actors.size, (i) => actors.includes(store.actors.meta[i]?.id ?? "") || actors.includes(store.actors.meta[i]?.email ?? ""));
    filters.push((i) => hit(mask, store.actor[i]));
  }
  const ips = params.getAll("ip").filter(Boolean);
  if (ips.length > 0) {
    const mask = maskOf(store.locations.size, (i) => ips.includes(store.locations.meta[i]?.ip ?? ""));
    filters.push((i) => hit(mask, store.location[i]));
  }
  for (const product of params.getAll("product").filter(Boolean)) {
    const inContext = store.contexts.matching(product);
    const inContainer = store.containers.matching(product);
    filters.push((i) => hit(inContext, store.context[i]) || hit(inContainer, store.container[i]));
  }
  const location = params.get("location");
  if (location) {
    const mask = store.locations.matching(location);
    filters.push((i) => hit(mask, store.location[i]));
  }
  const q = params.get("q");
  if (q) {
    const actionsMask = store.actions.matching(q);
    const actorsMask = store.actors.matching(q);
    const contextsMask = store.contexts.matching(q);
    const containersMask = store.containers.matching(q);
    const locationsMask = store.locations.matching(q);
    const messagesMask = store.messages.matching(q);
    filters.push(
      (i) =>
        hit(actionsMask, store.action[i]) ||
        hit(actorsMask, store.actor[i]) ||
        hit(contextsMask, store.context[i]) ||
        hit(containersMask, store.container[i]) ||
        hit(locationsMask, store.location[i]) ||
        hit(messagesMask, store.message[i]) ||
        (store.ids[i] ?? "").includes(q),
    );
  }
  return filters;
};

/** GET /admin/v1/orgs/{orgId}/events: filtered search, newest event time first ([S] order). */
export const listEvents = (context: TApiContext): TSimResponse => {
  const { url, org, state } = context;
  const store = org.events;
  const limit = parseLimit(url, DEFAULT_LIMIT, MAX_LIMIT);
  const cursorText = url.searchParams.get("cursor");
  const after = cursorText ? decodeCursor(cursorText, ZEventsCursor) : null;
  const filters = buildFilters(store, url);
  const order = store.timeOrder();
  let index = 0;
  if (after) {
    // First entry strictly after (older than) the cursor in (time desc, seq desc) order.
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const position = order[mid] ?? 0;
      const time = store.time[position] ?? 0;
      if (time > after.t || (time === after.t && (store.seq[position] ?? 0) >= after.q)) low = mid + 1;
      else high = mid;
    }
    index = low;
  }
  const positions: number[] = [];
  let hasMore = false;
  for (; index < order.length; index++) {
    const position = order[index] ?? 0;
    if (!filters.every((filter) => filter(position))) continue;
    if (positions.length === limit) {
      hasMore = true;
      break;
    }
    positions.push(position);
  }
  const last = positions[positions.length - 1];
  const nextCursor = hasMore && last !== undefined ? encodeCursor({ k: "e", t: store.time[last] ?? 0, q: store.seq[last] ?? 0 }) : null;
  state.stats.eventsServed += positions.length;
  const writer = new ByteWriter(positions.length * 1400 + 1024).ascii('{"data":');
  writeEvents(writer, store, positions, { selfPrefix: Buffer.from(`${orgUrl(context)}/events/`), withProcessedAt: false, shapes: eventShapes(context) });
  const meta = JSON.stringify({ ...(nextCursor ? { next: nextCursor } : {}), page_size: limit });
  return { status: 200, body: writer.utf8(`,"meta":${meta},"links":${JSON.stringify(listLinks(state.baseUrl, url, nextCursor))}}`).result() };
};

/** GET /admin/v1/orgs/{orgId}/events/{eventId}. */
export const getEvent = (context: TApiContext): TSimResponse => {
  const store = context.org.events;
  const position = store.positionOf(context.params.eventId ?? "");
  if (position < 0) throw notFound("EVENT_NOT_FOUND", "no event with this id");
  context.state.stats.eventsServed++;
  const writer = new ByteWriter(4096).ascii('{"data":');
  writeEvent(writer, store, position, { selfPrefix: Buffer.from(`${orgUrl(context)}/events/`), withProcessedAt: false, shapes: eventShapes(context) });
  return { status: 200, body: writer.ascii("}").result() };
};

/** GET /admin/v1/orgs/{orgId}/event-actions: the §2 catalogue ([S] keys and names). */
export const listEventActions = (context: TApiContext): TSimResponse =>
  json(200, {
    data: EVENT_ACTIONS.map((action) => ({
      id: action.key,
      type: "event-actions",
      attributes: { displayName: action.displayName, groupDisplayName: action.group },
    })),
    links: { self: selfLink(context.state.baseUrl, context.url) },
  });
