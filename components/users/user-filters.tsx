"use client";

import { useState, type FormEvent } from "react";
import type { TUserFilters } from "@/lib/client/queries/users";
import { ATLASSIAN_USER_STATUS_LABELS, ATLASSIAN_USER_STATUSES } from "@/lib/shared/schemas/atlassian-users";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { FilterSelect, optionsById, optionsOf } from "../ui/filter-select";

type Props = Readonly<{ filters: TUserFilters; connectors: readonly { id: string; name: string }[]; onChange: (filters: TUserFilters) => void }>;

const STATUS_OPTIONS = optionsOf(ATLASSIAN_USER_STATUSES, ATLASSIAN_USER_STATUS_LABELS);
const SORT_OPTIONS = [{ value: "name", label: "Name" }];
const ADMIN_OPTIONS = [
  { value: "true", label: "Org admins" },
  { value: "false", label: "Not admins" },
];

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
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, q: q.trim() || undefined });
  };
  return (
    <form role="search" aria-label="Filter users" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <div className="w-64">
        <TextField label="Search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, email or account id" />
      </div>
      <FilterSelect label="Connector" anyLabel="All connectors" options={optionsById(connectors)} value={filters.connectorId} onChange={(connectorId) => onChange({ ...filters, connectorId })} />
      <FilterSelect label="Status" anyLabel="Any status" options={STATUS_OPTIONS} value={filters.status} onChange={(status) => onChange({ ...filters, status })} />
      <FilterSelect label="Admin" anyLabel="Everyone" options={ADMIN_OPTIONS} value={filters.admin} onChange={(admin) => onChange({ ...filters, admin })} />
      <FilterSelect label="Sort by" anyLabel="Priority" options={SORT_OPTIONS} value={filters.sort} onChange={(sort) => onChange({ ...filters, sort })} />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
