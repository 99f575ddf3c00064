import { parseCidr, type TCidr } from "./cidr";

export type TThreatListFile = Readonly<{
  tag: string | null;
  source: string | null;
  /** YYYY-MM-DD from the "# date:" header. */
  date: string | null;
  cidrs: TCidr[];
  /** Lines that are neither comments nor CIDRs (1-based line numbers). */
  invalid: { line: number; text: string }[];
}>;

/**
 * Reads a threat list in the data/threat-lists format: "# key: value" header lines, then one CIDR or
 * address per line. Also accepts plain lists (one address a line, e.g. the Tor Project's exit list).
 */
export const parseThreatListText = (text: string): TThreatListFile => {
  const header: Record<string, string> = {};
  const cidrs: TCidr[] = [];
  const invalid: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith("#")) {
      const match = /^#\s*(tag|source|date):\s*(.+)$/i.exec(line);
      if (match?.[1] && match[2]) header[match[1].toLowerCase()] ??= match[2].trim();
      return;
    }
    const cidr = parseCidr(line.split(/\s+#/)[0] ?? line);
    if (cidr) cidrs.push(cidr);
    else invalid.push({ line: i + 1, text: line });
  });
  const date = header.date && /^\d{4}-\d{2}-\d{2}$/.test(header.date) ? header.date : null;
  return { tag: header.tag ?? null, source: header.source ?? null, date, cidrs, invalid };
};
