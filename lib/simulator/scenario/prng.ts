/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) with the helpers the generator needs. Written here
 * rather than taken from a package so the event stream of a seed never changes under a dependency update.
 */
const splitmix32 = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
};

/** FNV-1a of a string, used to derive independent sub-streams from labels. */
export const hashString = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
};

const HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");
const SCRATCH = Buffer.alloc(64);
const UUID_SCRATCH = Buffer.alloc(36);

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    const next = splitmix32(seed);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /**
   * An independent stream named by `label`. Forking per user, day or episode keeps streams stable: adding
   * an episode does not shift every later background event.
   */
  fork(label: string): Prng {
    return new Prng((Math.imul(this.seed ^ 0x5bd1e995, 31) ^ hashString(label)) >>> 0);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return probability >= 1 || (probability > 0 && this.next() < probability);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by non-negative weight; falls back to uniform when all weights are zero. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + Math.max(0, weightOf(item)), 0);
    if (total <= 0) return this.pick(items);
    let roll = this.next() * total;
    for (const item of items) {
      roll -= Math.max(0, weightOf(item));
      if (roll < 0) return item;
    }
    return items[items.length - 1] as T;
  }

  /** Poisson-distributed count (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /**
   * Lowercase hex digits. Built in a byte buffer, not by `+=`: concatenation leaves V8 rope strings of
   * dozens of nodes, which made a million stored event ids cost ~400 MB instead of ~56 MB.
   */
  hex(length: number): string {
    const out = length <= SCRATCH.length ? SCRATCH : Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i += 8) {
      const value = this.nextUint32();
      for (let j = 0; j < 8 && i + j < length; j++) out[i + j] = HEX_DIGITS[(value >>> (28 - 4 * j)) & 0xf] ?? 48;
    }
    return out.toString("latin1", 0, length);
  }

  /** RFC 4122 version-4-shaped UUID, as one flat string. */
  uuid(): string {
    const h = this.hex(32);
    const variant = "89ab"[parseInt(h[16] ?? "0", 16) & 0x3] ?? "8";
    UUID_SCRATCH.write(`${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`, 0, "latin1");
    return UUID_SCRATCH.toString("latin1", 0, 36);
  }
}
