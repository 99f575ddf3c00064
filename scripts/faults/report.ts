// The fault suite's table: one row per fault, checked after the connector recovered.

export type TFaultRow = Readonly<{
  fault: string;
  /** Times the fault hit (requests answered badly, processes killed, restarts). */
  injected: number;
  expected: number;
  stored: number;
  duplicates: number;
  missing: number;
  /** Seconds from the fault cleared to every event stored and the connector Connected. */
  recoverySeconds: number;
  /** Worker restart rows: seconds from the restart (or the kill) to the first new alert, and to a governance action queued meanwhile succeeding. */
  alertSeconds?: number;
  actionSeconds?: number;
  problems: readonly string[];
}>;

const HEADERS = ["fault", "injected", "events expected", "stored", "duplicates", "missing", "recovery (s)", "first alert (s)", "action (s)", "result"] as const;

const seconds = (value: number | undefined) => (value === undefined ? "–" : value.toFixed(1));

const cells = (row: TFaultRow): string[] => [
  row.fault,
  String(row.injected),
  row.expected.toLocaleString("en-US"),
  row.stored.toLocaleString("en-US"),
  String(row.duplicates),
  String(row.missing),
  row.recoverySeconds.toFixed(1),
  seconds(row.alertSeconds),
  seconds(row.actionSeconds),
  row.problems.length === 0 ? "ok" : "FAILED",
];

/** A Markdown table (readable in a terminal, pasteable into docs/benchmarks.md). */
export const formatTable = (rows: readonly TFaultRow[]): string => {
  const table = [[...HEADERS], ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...table.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(table[0] ?? []), rule, ...table.slice(1).map(line)].join("\n");
};
