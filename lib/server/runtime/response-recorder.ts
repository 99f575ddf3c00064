import { createWriteStream, mkdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import zlib from "node:zlib";

/** Static assets hold no data: not recorded. */
const SKIP = /^\/(?:_next\/static|_next\/image|favicon|icon)/;
/** Per response; a longer body is recorded up to here. */
const MAX_RECORDED_BYTES = 32 * 1024 * 1024;

type TChunkArgs = [chunk?: unknown, encoding?: unknown, callback?: unknown];

const toBuffer = (chunk: unknown, encoding: unknown): Buffer | null => {
  if (chunk === undefined || chunk === null || typeof chunk === "function") return null;
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
};

const decode = (body: Buffer, encoding: unknown): Buffer => {
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  try {
    if (encoding === "gzip") return zlib.gunzipSync(body, options);
    if (encoding === "deflate") return zlib.inflateSync(body, options);
    if (encoding === "br") return zlib.brotliDecompressSync(body, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  } catch {
    return body;
  }
  return body;
};

/**
 * Test hook of the web process (scripts/web.ts, only when WATCHPOST_E2E_RESPONSE_LOG is set): appends every
 * response body, decompressed, to one file, so the e2e secret-leak check can search everything the server
 * sent during the suite. Never enabled in production.
 */
export const createResponseRecorder = (file: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file, { flags: "a" });
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (SKIP.test(req.url ?? "")) return;
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding: unknown) => {
      const buffer = toBuffer(chunk, encoding);
      if (!buffer || size >= MAX_RECORDED_BYTES) return;
      chunks.push(buffer);
      size += buffer.length;
    };
    const write = res.write.bind(res) as (...args: TChunkArgs) => boolean;
    const end = res.end.bind(res) as (...args: TChunkArgs) => ServerResponse;
    res.write = ((...args: TChunkArgs) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as typeof res.write;
    res.end = ((...args: TChunkArgs) => {
      keep(args[0], args[1]);
      return end(...args);
    }) as typeof res.end;
    res.once("finish", () => {
      const body = Buffer.concat(chunks);
      // Headers given to writeHead() are not readable back: recognise gzip by its magic number too.
      const encoding = res.getHeader("content-encoding") ?? (body[0] === 0x1f && body[1] === 0x8b ? "gzip" : undefined);
      // One write per response: several web processes append to the same file (O_APPEND keeps each write whole).
      out.write(Buffer.concat([Buffer.from(`\n### ${req.method} ${req.url} ${res.statusCode}\n`), decode(body, encoding)]));
    });
  };
};
