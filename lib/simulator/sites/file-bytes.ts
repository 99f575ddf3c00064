import { createHash } from "node:crypto";
import { hashString, Prng } from "../scenario/prng";

/** Generated files are built from one 64 KiB pseudo-random block per file, varied per block index. */
export const BLOCK_SIZE = 64 * 1024;

// A handful of files exist per site; the cap only guards against a caller inventing keys without end.
const BASE_BLOCKS = new Map<string, Buffer>();
const MAX_CACHED_BLOCKS = 512;

const baseBlock = (key: string): Buffer => {
  const cached = BASE_BLOCKS.get(key);
  if (cached) return cached;
  const prng = new Prng(hashString(key));
  const block = Buffer.alloc(BLOCK_SIZE);
  for (let offset = 0; offset < BLOCK_SIZE; offset += 4) block.writeUInt32LE(prng.nextUint32(), offset);
  if (BASE_BLOCKS.size >= MAX_CACHED_BLOCKS) BASE_BLOCKS.clear();
  BASE_BLOCKS.set(key, block);
  return block;
};

// 7919 is odd, so the rotation (a multiple of 8 bytes) differs for each of 8192 consecutive blocks (512 MiB).
const ROTATION_STEP = 7919 * 8;

/**
 * Block `index` of the file seeded by `key`: the base block rotated by an index-dependent offset, with the index
 * in its first 8 bytes. Two memory copies per 64 KiB keep generation at several GB/s, so a 100 MB download is
 * limited by the socket, not by us; the index stamp makes every block differ.
 */
const generateBlock = (base: Buffer, index: number): Buffer => {
  const out = Buffer.allocUnsafe(BLOCK_SIZE);
  const rotation = (index * ROTATION_STEP) % BLOCK_SIZE;
  base.copy(out, 0, rotation);
  base.copy(out, BLOCK_SIZE - rotation, 0, rotation);
  out.writeDoubleLE(index, 0);
  return out;
};

/** The bytes [start, end] (inclusive) of the generated file `key`, as chunks of at most 64 KiB, lazily. */
export function* generatedChunks(key: string, start: number, end: number): Generator<Buffer> {
  if (end < start) return;
  const base = baseBlock(key);
  for (let block = Math.floor(start / BLOCK_SIZE); block * BLOCK_SIZE <= end; block++) {
    const blockStart = block * BLOCK_SIZE;
    const bytes = generateBlock(base, block);
    const from = Math.max(start, blockStart) - blockStart;
    const to = Math.min(end, blockStart + BLOCK_SIZE - 1) - blockStart + 1;
    yield from === 0 && to === BLOCK_SIZE ? bytes : bytes.subarray(from, to);
  }
}

/** The bytes [start, end] (inclusive) of the generated file `key` in one buffer: for tests of small ranges. */
export const generatedBytes = (key: string, start: number, end: number): Buffer => Buffer.concat([...generatedChunks(key, start, end)]);

/** SHA-256 (hex) of chunks, hashed as they come, so a 100 MB file never sits in memory. */
export const sha256OfChunks = (chunks: Iterable<Buffer>): string => {
  const hash = createHash("sha256");
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest("hex");
};
