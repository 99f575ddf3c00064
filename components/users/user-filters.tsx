"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { TUserFilters } from "@/lib/client/queries/users";
import { ATLASSIAN_USER_STATUS_LABELS, ATLASSIAN_USER_STATUSES } from "@/lib/shared/schemas/atlassian-users";
import { Button } from "../ui/button";

type Props = Readonly<{ filters: TUserFilters; connectors: readonly { id: string; name: string }[]; onChange: (filters: TUserFilters) => void }>;

const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

/** Label above its control, tied by id (a wrapping label would add the select's value to its accessible name). */
function Labelled({ id, label, children }: Readonly<{ id: string; label: string; children: ReactNode }>) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** Search (on submit) and the select filters (at once); the view keeps them in the URL. */
export function UserFilters({ filters, connectors, onChange }: Props) {
  const [q, setQ] = useState(filters.q ?? "");
  // Follow the URL's q when it changes (back/forward), without remounting: a select's navigation still in
  // flight must not wipe what is being typed.
  const [urlQ, setUrlQ] = useState(filters.q);
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
    <form role="search" aria-label="Filter users" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <Labelled id={`${id}-search`} label="Search">
        <input id={`${id}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, email or account id" className={`${CONTROL} w-64`} />
      </Labelled>
      <Labelled id={`${id}-connector`} label="Connector">
        <select id={`${id}-connector`} value={filters.connectorId ?? ""} onChange={(e) => onChange({ ...filters, connectorId: e.target.value || undefined })} className={CONTROL}>
          <option value="">All connectors</option>
          {connectors.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id={`${id}-status`} label="Status">
        <select id={`${id}-status`} value={filters.status ?? ""} onChange={(e) => onChange({ ...filters, status: e.target.value || undefined })} className={CONTROL}>
          <option value="">Any status</option>
          {ATLASSIAN_USER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ATLASSIAN_USER_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id={`${id}-admin`} label="Admin">
        <select id={`${id}-admin`} value={filters.admin ?? ""} onChange={(e) => onChange({ ...filters, admin: e.target.value || undefined })} className={CONTROL}>
          <option value="">Everyone</option>
          <option value="true">Org admins</option>
          <option value="false">Not admins</option>
        </select>
      </Labelled>
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
