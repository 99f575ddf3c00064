import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { TCidr } from "./cidr";
import { parseThreatListText } from "./threat-list-file";

export type TThreatList = Readonly<{ tag: string; source: string; date: string | null; cidrs: readonly TCidr[] }>;

let cached: TThreatList[] | null = null;

/** The threat lists shipped in data/threat-lists (one file per tag), read once per process. */
export const loadBuiltinThreatLists = (): readonly TThreatList[] => {
  if (cached) return cached;
  // Read at run time from the install folder; the comment keeps Next's tracer from bundling the project.
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "data", "threat-lists");
  const lists = readdirSync(dir)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name): TThreatList => {
      const file = parseThreatListText(readFileSync(path.join(/*turbopackIgnore: true*/ dir, name), "utf8"));
      if (file.invalid.length > 0) throw new Error(`${name}: invalid entries on lines ${file.invalid.map((l) => l.line).join(", ")}`);
      return { tag: file.tag ?? name.replace(/\.txt$/, ""), source: file.source ?? name, date: file.date, cidrs: file.cidrs };
    });
  cached = lists;
  return lists;
};
