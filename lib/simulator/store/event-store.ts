import type { TEvent } from "../../atlassian/schemas/events";
import { FragmentTable } from "./fragment-table";

export type TActorMeta = { id: string; name: string; email: string };
export type TLocationMeta = { ip: string };

const KNOWN_ATTRIBUTES = new Set(["time", "processedAt", "action", "actor", "context", "container", "location"]);
const INITIAL_CAPACITY = 1024;

const describeActor = (value: unknown): TActorMeta => {
  const actor = value as { id?: unknown; name?: unknown; email?: unknown };
  return { id: String(actor.id ?? ""), name: String(actor.name ?? ""), email: String(actor.email ?? "") };
};
const describeLocation = (value: unknown): TLocationMeta => ({ ip: String((value as { ip?: unknown }).ip ?? "") });
const describeNothing = (): null => null;

/**
 * One org's audit log, held column-wise and kept sorted by (processedAt, seq), where seq is the insertion
 * number; /events-stream pages are then a binary search plus a slice. Roughly 60 bytes per event plus
 * its id, so 1M events fit in a few hundred MB.
 */
export class EventStore {
  readonly actions = new FragmentTable<null>(describeNothing);
  readonly actors = new FragmentTable<TActorMeta>(describeActor);
  readonly contexts = new FragmentTable<null>(describeNothing);
  readonly containers = new FragmentTable<null>(describeNothing);
  readonly locations = new FragmentTable<TLocationMeta>(describeLocation);
  readonly messages = new FragmentTable<null>(describeNothing);
  readonly extras = new FragmentTable<null>(describeNothing);

  ids: string[] = [];
  time = new Float64Array(INITIAL_CAPACITY);
  processedAt = new Float64Array(INITIAL_CAPACITY);
  seq = new Float64Array(INITIAL_CAPACITY);
  action = new Int32Array(INITIAL_CAPACITY);
  actor = new Int32Array(INITIAL_CAPACITY);
  context = new Int32Array(INITIAL_CAPACITY);
  container = new Int32Array(INITIAL_CAPACITY);
  location = new Int32Array(INITIAL_CAPACITY);
  message = new Int32Array(INITIAL_CAPACITY);
  extra = new Int32Array(INITIAL_CAPACITY);

  /** Bumped on every change, so derived indexes know when to rebuild. */
  version = 0;
  /**
   * When set (startSimulator's `recordVisibility`, benchmarks): the wall-clock ms (Date.now(), not the
   * simulator's clock) at which each event id was first appended, i.e. became visible to a poll.
   */
  visibleAt: Map<string, number> | null = null;
  private nextSeq = 0;
  private byTime: Int32Array | null = null;
  private byTimeVersion = -1;

  get size(): number {
    return this.ids.length;
  }

  /** Stores events; a missing or unparsable `processedAt` becomes `defaultProcessedAtMs`. */
  append(events: readonly TEvent[], defaultProcessedAtMs: number): void {
    const withTimes = events.map((event) => {
      const processed = event.attributes.processedAt === undefined ? Number.NaN : Date.parse(event.attributes.processedAt);
      return { event, processedAtMs: Number.isNaN(processed) ? defaultProcessedAtMs : processed };
    });
    withTimes.sort((a, b) => a.processedAtMs - b.processedAtMs);
    for (const { event, processedAtMs } of withTimes) this.insert(event, processedAtMs);
    this.version++;
    if (this.visibleAt) {
      const nowMs = Date.now();
      for (const event of events) if (!this.visibleAt.has(event.id)) this.visibleAt.set(event.id, nowMs);
    }
  }

  private insert(event: TEvent, processedAtMs: number): void {
    const size = this.size;
    if (size === this.time.length) this.grow(size * 2);
    // Equal processedAt sorts by seq, and the new seq is the largest, so insert after all equal times.
    let at = size;
    if (size > 0 && (this.processedAt[size - 1] ?? 0) > processedAtMs) {
      at = this.firstAfterTime(processedAtMs);
      this.shiftRight(at);
    }
    const { attributes } = event;
    this.ids.splice(at, 0, event.id);
    this.time[at] = Date.parse(attributes.time);
    this.processedAt[at] = processedAtMs;
    this.seq[at] = this.nextSeq++;
    this.action[at] = this.actions.intern(attributes.action);
    this.actor[at] = this.actors.intern(attributes.actor);
    this.context[at] = this.contexts.intern(attributes.context);
    this.container[at] = this.containers.intern(attributes.container);
    this.location[at] = this.locations.intern(attributes.location);
    this.message[at] = this.messages.intern(event.message);
    this.extra[at] = this.extras.intern(extraAttributes(attributes));
  }

  private columns(): (Float64Array | Int32Array)[] {
    return [this.time, this.processedAt, this.seq, this.action, this.actor, this.context, this.container, this.location, this.message, this.extra];
  }

  private shiftRight(from: number): void {
    for (const column of this.columns()) column.copyWithin(from + 1, from, this.size);
  }

  private grow(capacity: number): void {
    const grown = <T extends Float64Array | Int32Array>(column: T): T => {
      const next = new (column.constructor as new (length: number) => T)(capacity);
      next.set(column);
      return next;
    };
    this.time = grown(this.time);
    this.processedAt = grown(this.processedAt);
    this.seq = grown(this.seq);
    this.action = grown(this.action);
    this.actor = grown(this.actor);
    this.context = grown(this.context);
    this.container = grown(this.container);
    this.location = grown(this.location);
    this.message = grown(this.message);
    this.extra = grown(this.extra);
  }

  /** First position whose processedAt is greater than `processedAtMs`. */
  firstAfterTime(processedAtMs: number): number {
    return this.lowerBound((p) => p <= processedAtMs);
  }

  /** First position whose processedAt is at least `processedAtMs`. */
  firstAtOrAfterTime(processedAtMs: number): number {
    return this.lowerBound((p) => p < processedAtMs);
  }

  /** First position for which `isBefore(processedAt, seq)` is false; the predicate must be monotonic. */
  private lowerBound(isBefore: (processedAtMs: number, seq: number) => boolean): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (isBefore(this.processedAt[mid] ?? 0, this.seq[mid] ?? 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** First position strictly after the event (processedAtMs, seq) in stream order. */
  firstAfter(processedAtMs: number, seq: number): number {
    return this.lowerBound((p, s) => p < processedAtMs || (p === processedAtMs && s <= seq));
  }

  /** First position at or after the event (processedAtMs, seq) in stream order. */
  firstAtOrAfter(processedAtMs: number, seq: number): number {
    return this.lowerBound((p, s) => p < processedAtMs || (p === processedAtMs && s < seq));
  }

  /** Position of an event id, or -1; a linear scan, since single-event lookups are rare. */
  positionOf(id: string): number {
    for (let i = this.size - 1; i >= 0; i--) if (this.ids[i] === id) return i;
    return -1;
  }

  /** Positions sorted by event time, newest first (ties: newest insertion first), for /events. */
  timeOrder(): Int32Array {
    if (this.byTime && this.byTimeVersion === this.version) return this.byTime;
    const order = new Int32Array(this.size);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const { time, seq } = this;
    order.sort((a, b) => (time[b] ?? 0) - (time[a] ?? 0) || (seq[b] ?? 0) - (seq[a] ?? 0));
    this.byTime = order;
    this.byTimeVersion = this.version;
    return order;
  }
}

const extraAttributes = (attributes: Record<string, unknown>): Record<string, unknown> | undefined => {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(attributes)) {
    if (KNOWN_ATTRIBUTES.has(key) || attributes[key] === undefined) continue;
    (extra ??= {})[key] = attributes[key];
  }
  return extra;
};
