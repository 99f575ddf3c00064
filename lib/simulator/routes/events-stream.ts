import { ZSortOrder } from "../../atlassian/schemas/events";
import { badRequest, type TSimResponse } from "../http-kit";
import { decodeCursor, encodeCursor, ZStreamCursor, type TStreamCursor } from "../store/cursor";
import { ByteWriter } from "../store/byte-writer";
import { writeEvents } from "../store/event-serializer";
import type { EventStore } from "../store/event-store";
import { eventShapes, orgUrl, type TApiContext } from "./api-context";
import { nextLink, parseEpoch, parseLimit, selfLink } from "./listing";

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 500;

/** The stream position to start from, carried by the cursor or built from the first request's parameters. */
const startState = (url: URL): TStreamCursor => {
  const cursorText = url.searchParams.get("cursor");
  if (cursorText) {
    const cursor = decodeCursor(cursorText, ZStreamCursor);
    return { ...cursor, l: url.searchParams.has("limit") ? parseLimit(url, DEFAULT_LIMIT, MAX_LIMIT) : cursor.l };
  }
  const order = ZSortOrder.safeParse(url.searchParams.get("sortOrder") ?? "asc");
  if (!order.success) throw badRequest("INVALID_PARAMETER", "sortOrder must be asc or desc");
  return { k: "s", o: order.data, p: null, q: null, f: parseEpoch(url, "from"), t: parseEpoch(url, "to"), l: parseLimit(url, DEFAULT_LIMIT, MAX_LIMIT) };
};

/** The truncate fault: half a page although more events exist. */
const truncated = (context: TApiContext, count: number): number => {
  const { faults, stats } = context.state;
  if (count <= 1 || !context.hasFaults || !faults.roll(faults.settings.truncateRate)) return count;
  stats.recordFault("truncate");
  return Math.ceil(count / 2);
};

/** Positions of the page in serving order, after the duplicate and truncate faults. */
const pagePositions = (context: TApiContext, store: EventStore, state: TStreamCursor, hasCursor: boolean): number[] => {
  const { faults, stats } = context.state;
  const lower = state.f === null ? 0 : store.firstAtOrAfterTime(state.f);
  const upper = state.t === null ? store.size : store.firstAfterTime(state.t);
  const hasPosition = state.p !== null && state.q !== null;
  const after = hasPosition ? Math.max(lower, store.firstAfter(state.p ?? 0, state.q ?? 0)) : lower;
  const before = hasPosition ? Math.min(upper, store.firstAtOrAfter(state.p ?? 0, state.q ?? 0)) : upper;
  // Duplicates ride along with new events only: a caught-up poll still gets an empty page.
  const hasNew = state.o === "asc" ? after < upper : before > lower;
  const repeat = hasCursor && hasNew && context.hasFaults && faults.roll(faults.settings.duplicateRate) ? faults.settings.duplicateCount : 0;
  if (repeat > 0) stats.recordFault("duplicate");
  const positions: number[] = [];
  if (state.o === "asc") {
    const start = Math.max(lower, after - repeat);
    const count = truncated(context, Math.min(state.l, upper - start));
    for (let i = 0; i < count; i++) positions.push(start + i);
  } else {
    const end = Math.min(upper, before + repeat);
    const count = truncated(context, Math.min(state.l, end - lower));
    for (let i = 1; i <= count; i++) positions.push(end - i);
  }
  return positions;
};

/** Swaps neighbours whose processedAt differ by at most the window, so processedAt is not monotonic. */
const reorder = (store: EventStore, positions: number[], windowMs: number): boolean => {
  let isReordered = false;
  for (let i = 0; i + 1 < positions.length; i += 2) {
    const a = positions[i] ?? 0;
    const b = positions[i + 1] ?? 0;
    if (Math.abs((store.processedAt[a] ?? 0) - (store.processedAt[b] ?? 0)) > windowMs) continue;
    positions[i] = b;
    positions[i + 1] = a;
    isReordered = true;
  }
  return isReordered;
};

/**
 * GET /admin/v1/orgs/{orgId}/events-stream: events in processedAt order (asc by default). The cursor is
 * returned on every page, the last included, and encodes the last event served plus from/to/sortOrder/limit,
 * so polling with it later returns exactly the events processed since.
 */
export const getEventsStream = (context: TApiContext): TSimResponse => {
  const { url, org, state } = context;
  const store = org.events;
  const hasCursor = url.searchParams.has("cursor");
  const start = startState(url);
  const positions = pagePositions(context, store, start, hasCursor);
  // The cursor moves to the furthest event served, whatever order the faults serve them in.
  const furthest = positions.length === 0 ? undefined : start.o === "asc" ? Math.max(...positions) : Math.min(...positions);
  const next: TStreamCursor = furthest === undefined ? start : { ...start, p: store.processedAt[furthest] ?? 0, q: store.seq[furthest] ?? 0 };
  const windowMs = state.faults.settings.reorderWindowMs;
  if (context.hasFaults && windowMs > 0 && reorder(store, positions, windowMs)) state.stats.recordFault("reorder");
  state.stats.eventsServed += positions.length;
  const cursor = encodeCursor(next);
  const writer = new ByteWriter(positions.length * 1400 + 1024).ascii('{"data":');
  writeEvents(writer, store, positions, { selfPrefix: Buffer.from(`${orgUrl(context)}/events/`), withProcessedAt: true, shapes: eventShapes(context) });
  const meta = JSON.stringify({ next: cursor, page_size: start.l });
  const links = JSON.stringify({ self: selfLink(state.baseUrl, url), next: nextLink(state.baseUrl, url, cursor, false) });
  return { status: 200, body: writer.utf8(`,"meta":${meta},"links":${links}}`).result() };
};
