"use client";

import { useId, type FormEvent } from "react";
import type { TProxySessionFilters } from "@/lib/client/api/proxy-sessions";
import { useFollowedText } from "@/lib/client/hooks/use-followed-text";
import { Button } from "../ui/button";
import { FilterSelect } from "../ui/filter-select";

type Props = Readonly<{ filters: TProxySessionFilters; connectors: readonly { id: string; name: string }[]; onChange: (filters: TProxySessionFilters) => void }>;

const STATUS_OPTIONS = [
  { value: "live", label: "Live" },
  { value: "idle", label: "Idle" },
  { value: "ended", label: "Ended" },
] as const;

/** User search (on submit), connector and status (at once); the view keeps them in the URL. */
export function SessionFilters({ filters, connectors, onChange }: Props) {
  const [q, setQ] = useFollowedText(filters.q);
  const id = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, q: q.trim() || undefined });
  };
  return (
    <form role="search" aria-label="Filter sessions" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={id}>User</label>
        <input
          id={id}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Email, name or account id"
          className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
      </div>
      <FilterSelect
        label="Connector"
        value={filters.connectorId}
        anyLabel="All connectors"
        options={connectors.map((c) => ({ value: c.id, label: c.name }))}
        onChange={(connectorId) => onChange({ ...filters, connectorId })}
      />
      <FilterSelect label="Status" value={filters.status} anyLabel="Any status" options={STATUS_OPTIONS} onChange={(status) => onChange({ ...filters, status })} />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
