/**
 * Interns repeated parts of events (actor, context, container, location, message) as pre-serialized JSON.
 * A million events share a few thousand distinct fragments, so each event costs a handful of integers
 * instead of a dozen objects, and serving a page is string concatenation instead of JSON.stringify.
 * Lookups go by object identity first (the generator reuses objects), then by JSON text.
 */
export class FragmentTable<TMeta> {
  private readonly byJson = new Map<string, number>();
  private readonly byRef = new WeakMap<object, number>();
  readonly json: string[] = [];
  /** The same JSON, UTF-8 encoded once, for the byte-level serializer. */
  readonly bytes: Buffer[] = [];
  readonly meta: TMeta[] = [];

  constructor(private readonly describe: (value: unknown) => TMeta) {}

  /** Index of the fragment, or -1 for an absent value. */
  intern(value: unknown): number {
    if (value === undefined || value === null) return -1;
    const isObject = typeof value === "object";
    if (isObject) {
      const cached = this.byRef.get(value);
      if (cached !== undefined) return cached;
    }
    const json = JSON.stringify(value);
    let index = this.byJson.get(json);
    if (index === undefined) {
      index = this.json.length;
      this.json.push(json);
      this.bytes.push(Buffer.from(json, "utf8"));
      this.meta.push(this.describe(value));
      this.byJson.set(json, index);
    }
    if (isObject) this.byRef.set(value, index);
    return index;
  }

  private readonly singles: (Buffer | null | undefined)[] = [];

  /** A one-item array fragment as its lone item (the singleObjectResources fault), else null. Computed once. */
  single(index: number): Buffer | null {
    let single = this.singles[index];
    if (single === undefined) {
      const value = JSON.parse(this.json[index] ?? "null") as unknown;
      single = Array.isArray(value) && value.length === 1 ? Buffer.from(JSON.stringify(value[0]), "utf8") : null;
      this.singles[index] = single;
    }
    return single;
  }

  get size(): number {
    return this.json.length;
  }

  /** Indexes whose JSON contains `needle` (case-insensitive), for free-text filters. */
  matching(needle: string): Uint8Array {
    const lower = needle.toLowerCase();
    const result = new Uint8Array(this.json.length);
    this.json.forEach((json, index) => {
      if (json.toLowerCase().includes(lower)) result[index] = 1;
    });
    return result;
  }
}
