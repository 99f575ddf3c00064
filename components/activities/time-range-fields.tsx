"use client";

import { SelectField, TextField } from "../ui/field";

const PRESETS = [
  { key: "1h", label: "Last hour", ms: 3_600_000 },
  { key: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { key: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { key: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
  { key: "90d", label: "Last 90 days", ms: 90 * 86_400_000 },
] as const;

/** ISO (UTC) → the local "YYYY-MM-DDTHH:mm" of a datetime-local input. */
const toLocalInput = (iso: string | undefined): string => {
  if (!iso || Number.isNaN(Date.parse(iso))) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const fromLocalInput = (value: string): string | undefined => (value ? new Date(value).toISOString() : undefined);

/** Presets and a custom From/To (local time in the inputs, ISO 8601 UTC in the URL). */
export function TimeRangeFields({
  from,
  to,
  errors,
  onChange,
}: Readonly<{ from?: string; to?: string; errors: Record<string, string>; onChange: (from: string | undefined, to: string | undefined) => void }>) {
  return (
    <>
      <SelectField
        label="Time range"
        value=""
        onChange={(e) => {
          const preset = PRESETS.find((p) => p.key === e.target.value);
          if (preset) onChange(new Date(Date.now() - preset.ms).toISOString(), undefined);
        }}
      >
        <option value="">{from || to ? "Custom" : "All time"}</option>
        {PRESETS.map((p) => (
          <option key={p.key} value={p.key}>
            {p.label}
          </option>
        ))}
      </SelectField>
      <TextField label="From" type="datetime-local" value={toLocalInput(from)} error={errors.from} onChange={(e) => onChange(fromLocalInput(e.target.value), to)} />
      <TextField label="To" type="datetime-local" value={toLocalInput(to)} error={errors.to} onChange={(e) => onChange(from, fromLocalInput(e.target.value))} />
    </>
  );
}
