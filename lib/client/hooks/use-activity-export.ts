"use client";

import { useCallback, useRef, useState } from "react";
import { activitySearchParams, type TActivityUrlFilters } from "../queries/activities";

export type ExportFormat = "csv" | "ndjson";
export type ExportProgress = Readonly<{ format: ExportFormat; rows: number; percent: number | null }>;

const TIME_IN_CSV = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z),/;
const TIME_IN_JSON = /"time":"([^"]+)"/;

const filenameOf = (response: Response, fallback: string) => /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallback;

/**
 * Streams an export to a file download. Progress: rows so far, and (rows come newest first) how far the
 * last row's time has moved from the newest one towards `from` (unknown without a `from`).
 */
export const useActivityExport = (filters: TActivityUrlFilters) => {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (format: ExportFormat) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setError(null);
      setProgress({ format, rows: 0, percent: null });
      try {
        const response = await fetch(`/api/v1/activities/export?${activitySearchParams(filters, { format }).toString()}`, { signal: controller.signal });
        if (!response.ok || !response.body) {
          const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
          throw new Error(problem?.detail ?? `Export failed (HTTP ${response.status})`);
        }
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        const chunks: Uint8Array[] = [];
        const fromMs = filters.from ? Date.parse(filters.from) : null;
        let newestMs: number | null = null;
        let rows = format === "csv" ? -1 : 0;
        let tail = "";
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          const text = tail + decoder.decode(value, { stream: true });
          const lines = text.split("\n");
          tail = lines.pop() ?? "";
          rows += lines.length;
          const last = lines.findLast((l) => l.length > 0) ?? "";
          const time = (format === "csv" ? TIME_IN_CSV : TIME_IN_JSON).exec(last)?.[1];
          const lastMs = time ? Date.parse(time) : null;
          if (newestMs === null && lines.length > (format === "csv" ? 1 : 0)) {
            const first = lines.find((l) => (format === "csv" ? TIME_IN_CSV : TIME_IN_JSON).test(l));
            const firstTime = first ? (format === "csv" ? TIME_IN_CSV : TIME_IN_JSON).exec(first)?.[1] : undefined;
            newestMs = firstTime ? Date.parse(firstTime) : null;
          }
          const percent = fromMs !== null && newestMs !== null && lastMs !== null && newestMs > fromMs ? ((newestMs - lastMs) / (newestMs - fromMs)) * 100 : null;
          setProgress({ format, rows: Math.max(0, rows), percent });
        }
        const blob = new Blob(chunks as BlobPart[], { type: format === "csv" ? "text/csv" : "application/x-ndjson" });
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = filenameOf(response, `activities.${format}`);
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setProgress({ format, rows: Math.max(0, rows), percent: 100 });
      } catch (e) {
        if (controller.signal.aborted) return;
        setError(e instanceof Error ? e.message : "Export failed");
        setProgress(null);
      }
    },
    [filters],
  );

  const cancel = useCallback(() => {
    abort.current?.abort();
    setProgress(null);
  }, []);

  return { start, cancel, progress, error };
};
