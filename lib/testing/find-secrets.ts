// The search of the e2e secret-leak check (e2e/leak-check/global-teardown.ts).
import { readFileSync } from "node:fs";

export type TSecret = Readonly<{ label: string; value: string }>;
export type THit = Readonly<{ label: string; preview: string; file: string; offset: number; context: string }>;

/** Secrets shorter than this would match ordinary text; the suite's keys and secret are all longer. */
const MIN_LENGTH = 12;

/** Where each secret occurs in the files (raw, URL-encoded and base64 forms); the hit shows its first 4 characters only. */
export const findSecrets = (files: readonly string[], secrets: readonly TSecret[]): THit[] => {
  const hits: THit[] = [];
  const needles = secrets
    .filter((s) => s.value.length >= MIN_LENGTH)
    .flatMap((s) => [...new Set([s.value, encodeURIComponent(s.value), Buffer.from(s.value).toString("base64")])].map((form) => ({ secret: s, needle: Buffer.from(form) })));
  for (const file of files) {
    const content = readFileSync(file);
    for (const { secret, needle } of needles) {
      const offset = content.indexOf(needle);
      if (offset < 0) continue;
      // The report must not leak them either: every form of every secret is cut to its first 4 characters.
      let context = content.subarray(Math.max(0, offset - 60), Math.min(content.length, offset + needle.length + 60)).toString("utf8");
      for (const other of needles) context = context.replaceAll(other.needle.toString(), `${other.needle.toString().slice(0, 4)}…`);
      context = context.replace(/\s+/g, " ");
      hits.push({ label: secret.label, preview: `${secret.value.slice(0, 4)}…`, file, offset, context });
    }
  }
  return hits;
};
