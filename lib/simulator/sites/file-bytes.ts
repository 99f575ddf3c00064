import { createHash } from "node:crypto";
import { hashString, Prng } from "../scenario/prng";

/** Generated files are built from one 64 KiB pseudo-random block per file, varied per block index. */
export const BLOCK_SIZE = 64 * 1024;
const WORDS = BLOCK_SIZE / 4;

// A handful of files exist per site; the cap only guards against a caller inventing keys without end.
const BASE_BLOCKS = new Map<string, Uint32Array>();
const MAX_CACHED_BLOCKS = 512;

const baseBlock = (key: string): Uint32Array => {
  const cached = BASE_BLOCKS.get(key);
  if (cached) return cached;
  const prng = new Prng(hashString(key));
  const block = new Uint32Array(WORDS);
  for (let index = 0; index < WORDS; index++) block[index] = prng.nextUint32();
  if (BASE_BLOCKS.size >= MAX_CACHED_BLOCKS) BASE_BLOCKS.clear();
  BASE_BLOCKS.set(key, block);
  return block;
};

/**
 * Block `index` of the file seeded by `key`: the base block XOR a word derived from the index. One XOR per
 * 4 bytes keeps generation well above 1 GB/s, so a 100 MB download is limited by the socket, not by us.
 */
const generateBlock = (base: Uint32Array, index: number): Buffer => {
  // allocUnsafeSlow: a buffer of its own, aligned for the Uint32Array view (pool slices may not be).
  const out = Buffer.allocUnsafeSlow(BLOCK_SIZE);
  const words = new Uint32Array(out.buffer, out.byteOffset, WORDS);
  const mix = Math.imul(index + 1, 0x9e3779b1) >>> 0;
  for (let word = 0; word < WORDS; word++) words[word] = (base[word] ?? 0) ^ mix;
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
