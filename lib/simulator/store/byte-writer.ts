/**
 * Appends bytes into one growing Buffer. Serving a page this way is a series of memcpys of pre-encoded
 * fragments; building a JS string and encoding it costs about ten times more (V8 flattens the rope of
 * thousands of pieces on encode), which the 50,000 events/s budget cannot afford. The `put*` methods skip
 * the capacity check: call `reserve` first with an upper bound of what they will write.
 */
export class ByteWriter {
  private buffer: Buffer;
  private offset = 0;

  constructor(initialSize = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  reserve(extra: number): this {
    if (this.offset + extra <= this.buffer.length) return this;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + extra));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
    return this;
  }

  bytes(chunk: Uint8Array): this {
    return this.reserve(chunk.length).putBytes(chunk);
  }

  /** Writes a string known to hold only ASCII (ISO dates, generated ids). */
  ascii(text: string): this {
    return this.reserve(text.length).putAscii(text);
  }

  utf8(text: string): this {
    this.reserve(Buffer.byteLength(text));
    this.offset += this.buffer.write(text, this.offset, "utf8");
    return this;
  }

  putBytes(chunk: Uint8Array): this {
    this.buffer.set(chunk, this.offset);
    this.offset += chunk.length;
    return this;
  }

  putAscii(text: string): this {
    this.offset += this.buffer.write(text, this.offset, "latin1");
    return this;
  }

  /** Writes epoch ms as "YYYY-MM-DDTHH:mm:ss.sssZ" (24 bytes), like toISOString for years 0-9999, without a Date. */
  putIsoDate(epochMs: number): this {
    const ms = Math.floor(epochMs);
    const days = Math.floor(ms / 86_400_000);
    let rest = ms - days * 86_400_000;
    // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-compatible low-level date algorithms").
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1000);
    const millis = rest - seconds * 1000;
    const b = this.buffer;
    let o = this.offset;
    b[o++] = 48 + Math.floor(year / 1000);
    b[o++] = 48 + (Math.floor(year / 100) % 10);
    b[o++] = 48 + (Math.floor(year / 10) % 10);
    b[o++] = 48 + (year % 10);
    b[o++] = 45;
    b[o++] = 48 + Math.floor(month / 10);
    b[o++] = 48 + (month % 10);
    b[o++] = 45;
    b[o++] = 48 + Math.floor(day / 10);
    b[o++] = 48 + (day % 10);
    b[o++] = 84;
    b[o++] = 48 + Math.floor(hours / 10);
    b[o++] = 48 + (hours % 10);
    b[o++] = 58;
    b[o++] = 48 + Math.floor(minutes / 10);
    b[o++] = 48 + (minutes % 10);
    b[o++] = 58;
    b[o++] = 48 + Math.floor(seconds / 10);
    b[o++] = 48 + (seconds % 10);
    b[o++] = 46;
    b[o++] = 48 + Math.floor(millis / 100);
    b[o++] = 48 + (Math.floor(millis / 10) % 10);
    b[o++] = 48 + (millis % 10);
    b[o++] = 90;
    this.offset = o;
    return this;
  }

  /** The bytes written so far (a view; the writer must not be reused afterwards). */
  result(): Buffer {
    return this.buffer.subarray(0, this.offset);
  }
}
