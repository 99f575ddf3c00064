"use client";

import { useState, type FormEvent } from "react";
import type { TActivityUrlFilters } from "@/lib/client/queries/activities";
import { ZActivityFilters } from "@/lib/shared/schemas/activities";
import { IP_CATEGORIES, PRODUCTS } from "@/lib/shared/schemas/policies";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { ActionSelect } from "./action-select";
import { IP_CATEGORY_LABELS, PRODUCT_LABELS } from "./activity-format";
import { TimeRangeFields } from "./time-range-fields";

type Props = Readonly<{
  filters: TActivityUrlFilters;
  connectors: readonly { id: string; name: string }[];
  userSuggestions: readonly { key: string; value: string; label: string }[];
  onUserInput: (text: string) => void;
  onApply: (filters: TActivityUrlFilters) => void;
}>;

const clean = (filters: Record<string, unknown>): TActivityUrlFilters =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : Boolean(v)))) as TActivityUrlFilters;

/** Every filter of the activity log; applied to the URL on submit, checked with the API's own schema first. */
export function ActivityFilters({ filters, connectors, userSuggestions, onUserInput, onApply }: Props) {
  const [draft, setDraft] = useState<TActivityUrlFilters>(filters);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof TActivityUrlFilters, value: string | readonly string[] | undefined) => setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = clean(draft);
    const parsed = ZActivityFilters.safeParse(next);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message])));
      return;
    }
    setErrors({});
    onApply(next);
  };

  return (
    <form onSubmit={onSubmit} aria-label="Activity filters" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TimeRangeFields from={draft.from} to={draft.to} errors={errors} onChange={(from, to) => setDraft((d) => ({ ...d, from, to }))} />
        <div>
          <TextField
            label="User"
            list="activity-user-suggestions"
            placeholder="Name, email or account id"
            value={draft.user ?? ""}
            error={errors.user}
            onChange={(e) => {
              set("user", e.target.value);
              onUserInput(e.target.value);
            }}
          />
          <datalist id="activity-user-suggestions">
            {userSuggestions.map((s) => (
              <option key={s.key} value={s.value}>
                {s.label}
              </option>
            ))}
          </datalist>
        </div>
        <ActionSelect value={draft.action ?? []} error={errors.action} onChange={(actions) => set("action", actions)} />
        <SelectField label="Product" value={draft.product ?? ""} error={errors.product} onChange={(e) => set("product", e.target.value)}>
          <option value="">All products</option>
          {PRODUCTS.map((p) => (
            <option key={p} value={p}>
              {PRODUCT_LABELS[p] ?? p}
            </option>
          ))}
        </SelectField>
        <TextField label="IP or CIDR" placeholder="203.0.113.7 or 10.0.0.0/8" value={draft.ip ?? ""} error={errors.ip} onChange={(e) => set("ip", e.target.value)} />
        <TextField label="Country" placeholder="Name or ISO code" value={draft.country ?? ""} error={errors.country} onChange={(e) => set("country", e.target.value)} />
        <SelectField label="IP category" value={draft.ipCategory ?? ""} error={errors.ipCategory} onChange={(e) => set("ipCategory", e.target.value)}>
          <option value="">Any category</option>
          {IP_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {IP_CATEGORY_LABELS[c] ?? c}
            </option>
          ))}
        </SelectField>
        <SelectField label="Connector" value={draft.connectorId ?? ""} error={errors.connectorId} onChange={(e) => set("connectorId", e.target.value)}>
          <option value="">All connectors</option>
          {connectors.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Search" type="search" placeholder="Free text" value={draft.q ?? ""} error={errors.q} onChange={(e) => set("q", e.target.value)} />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.adminOnly === "true"} onChange={(e) => set("adminOnly", e.target.checked ? "true" : undefined)} />
          Admin actions only
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.impersonation === "true"} onChange={(e) => set("impersonation", e.target.checked ? "true" : undefined)} />
          Impersonation only
        </label>
        <div className="ml-auto flex gap-2">
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setDraft({});
              setErrors({});
              onApply({});
            }}
          >
            Clear filters
          </Button>
          <Button type="submit">Apply filters</Button>
        </div>
      </div>
    </form>
  );
}
