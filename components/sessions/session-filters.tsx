"use client";

import { useId, useState, type FormEvent } from "react";
import type { TProxySessionFilters } from "@/lib/client/api/proxy-sessions";
import { Button } from "../ui/button";

type Props = Readonly<{ filters: TProxySessionFilters; connectors: readonly { id: string; name: string }[]; onChange: (filters: TProxySessionFilters) => void }>;

const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

/** User search (on submit), connector and status (at once); the view keeps them in the URL. */
export function SessionFilters({ filters, connectors, onChange }: Props) {
  const [q, setQ] = useState(filters.q ?? "");
  const [urlQ, setUrlQ] = useState(filters.q);
  // Follow the URL's q on back/forward without remounting (see UserFilters).
  if (urlQ !== filters.q) {
    setUrlQ(filters.q);
    setQ(filters.q ?? "");
  }
  const id = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, q: q.trim() || undefined });
  };
  return (
    <form role="search" aria-label="Filter sessions" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${id}-q`}>User</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Email, name or account id" className={`${CONTROL} w-64`} />
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${id}-connector`}>Connector</label>
        <select id={`${id}-connector`} value={filters.connectorId ?? ""} onChange={(e) => onChange({ ...filters, connectorId: e.target.value || undefined })} className={CONTROL}>
          <option value="">All connectors</option>
          {connectors.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={filters.status ?? ""} onChange={(e) => onChange({ ...filters, status: e.target.value || undefined })} className={CONTROL}>
          <option value="">Any status</option>
          <option value="live">Live</option>
          <option value="idle">Idle</option>
          <option value="ended">Ended</option>
        </select>
      </div>
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
