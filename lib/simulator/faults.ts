import { z } from "zod";
import { Prng } from "./scenario/prng";

const rate = z.number().min(0).max(1);

/** The fault knobs, without defaults, so an update can name any subset of them. */
const FAULT_FIELDS = {
  /** Share of requests answered 500. */
  serverErrorRate: rate,
  /** Added delay before every answer, in ms. */
  latencyMs: z.number().int().min(0).max(600_000),
  /** Share of requests never answered (the client must time out). */
  hangRate: rate,
  /** Share of 2xx JSON answers whose body is cut and garbled. */
  malformedRate: rate,
  /** Share of /events-stream pages cut to half their events although more exist (cursor stays correct). */
  truncateRate: rate,
  /** Share of /events-stream pages (with a cursor) that start `duplicateCount` events early, repeating them. */
  duplicateRate: rate,
  duplicateCount: z.number().int().min(1).max(500),
  /** Events of a page whose processedAt lie within this window are served out of order; 0 = off. */
  reorderWindowMs: z.number().int().min(0).max(3_600_000),
  /**
   * Share of events served in a permanently unexpected shape (`attributes.action` an object instead of a
   * string). Chosen by event id (isMalformedEventId), not per request: the same events on every retry.
   */
  malformedEventRate: rate,
  /** Serve a `context` or `container` holding one resource as that object instead of a one-item array. */
  singleObjectResources: z.boolean(),
};

/**
 * Run-time faults of the faithful API, set through POST /__sim/faults. Rates are shares of matching
 * requests in [0, 1]; 1 makes a fault certain, which is what tests use.
 */
export const ZFaultSettings = z.object({
  serverErrorRate: FAULT_FIELDS.serverErrorRate.default(0),
  latencyMs: FAULT_FIELDS.latencyMs.default(0),
  hangRate: FAULT_FIELDS.hangRate.default(0),
  malformedRate: FAULT_FIELDS.malformedRate.default(0),
  truncateRate: FAULT_FIELDS.truncateRate.default(0),
  duplicateRate: FAULT_FIELDS.duplicateRate.default(0),
  duplicateCount: FAULT_FIELDS.duplicateCount.default(3),
  reorderWindowMs: FAULT_FIELDS.reorderWindowMs.default(0),
  malformedEventRate: FAULT_FIELDS.malformedEventRate.default(0),
  singleObjectResources: FAULT_FIELDS.singleObjectResources.default(false),
  /** Limit every fault to one org's requests. */
  orgId: z.string().optional(),
  /** Limit every fault to requests whose path contains this text, e.g. "/events-stream". */
  pathContains: z.string().optional(),
});
export type TFaultSettings = z.infer<typeof ZFaultSettings>;

/** Body of POST /__sim/faults: any subset of the settings (merged into the current ones), plus a 429 storm. */
export const ZFaultUpdate = z
  .object({
    ...FAULT_FIELDS,
    orgId: z.string().nullable(),
    pathContains: z.string().nullable(),
    /** Every faithful request gets 429 for this many seconds from now. */
    rateLimitStormSeconds: z.number().min(0).max(86_400),
  })
  .partial();
export type TFaultUpdate = z.infer<typeof ZFaultUpdate>;

export type TFaultKind =
  | "server-error"
  | "hang"
  | "latency"
  | "malformed"
  | "truncate"
  | "duplicate"
  | "reorder"
  | "rate-limit-storm"
  | "malformed-event"
  | "single-object-resource";

/**
 * Whether the malformedEventRate fault serves this event malformed: FNV-1a of the id mapped to [0, 1) and
 * compared with the rate, so an event is malformed on every request while the rate stays, and tests can tell
 * which events to expect in quarantine.
 */
export const isMalformedEventId = (id: string, rate: number): boolean => {
  if (rate <= 0) return false;
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000 < rate;
};

/** Holds the fault settings and decides, reproducibly for a seed, which request gets which fault. */
export class FaultInjector {
  settings: TFaultSettings = ZFaultSettings.parse({});
  stormUntilMs = 0;
  private readonly prng: Prng;

  constructor(
    seed: number,
    private readonly now: () => number,
  ) {
    this.prng = new Prng(seed).fork("faults");
  }

  /** Merges an update; `orgId: null` or `pathContains: null` removes that scope. */
  update(update: TFaultUpdate): void {
    const { rateLimitStormSeconds, orgId, pathContains, ...settings } = update;
    const scope = {
      orgId: orgId === null ? undefined : (orgId ?? this.settings.orgId),
      pathContains: pathContains === null ? undefined : (pathContains ?? this.settings.pathContains),
    };
    this.settings = ZFaultSettings.parse({ ...this.settings, ...settings, ...scope });
    if (rateLimitStormSeconds !== undefined) this.stormUntilMs = this.now() + rateLimitStormSeconds * 1000;
  }

  clear(): void {
    this.settings = ZFaultSettings.parse({});
    this.stormUntilMs = 0;
  }

  /** Whether the faults apply to a request for this path (and org, when one is in the path). */
  applies(pathname: string, orgId: string | undefined): boolean {
    const { orgId: onlyOrg, pathContains } = this.settings;
    if (onlyOrg !== undefined && onlyOrg !== orgId) return false;
    return pathContains === undefined || pathContains === "" || pathname.includes(pathContains);
  }

  isStorming(): boolean {
    return this.now() < this.stormUntilMs;
  }

  roll(rate: number): boolean {
    return this.prng.chance(rate);
  }

  describe(): TFaultSettings & { rateLimitStormUntil: string | null } {
    return { ...this.settings, rateLimitStormUntil: this.isStorming() ? new Date(this.stormUntilMs).toISOString() : null };
  }
}
