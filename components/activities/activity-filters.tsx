"use client";

import { useState, type FormEvent } from "react";
import type { TActivityUrlFilters } from "@/lib/client/queries/activities";
import { ACTIVITY_SOURCES, ZActivityFilters } from "@/lib/shared/schemas/activities";
import { IP_CATEGORIES, PRODUCTS } from "@/lib/shared/schemas/policies";
import { SESSION_OUTCOMES } from "@/lib/shared/schemas/session-policies";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { FilterSelect, optionsById, optionsOf } from "../ui/filter-select";
import { ActionSelect } from "./action-select";
import { IP_CATEGORY_LABELS, OUTCOME_LABELS, PRODUCT_LABELS, SOURCE_LABELS } from "./activity-format";
import { TimeRangeFields } from "./time-range-fields";

type Props = Readonly<{
  filters: TActivityUrlFilters;
  connectors: readonly { id: string; name: string }[];
  sessionPolicies: readonly { id: string; name: string }[];
  userSuggestions: readonly { key: string; value: string; label: string }[];
  onUserInput: (text: string) => void;
  onApply: (filters: TActivityUrlFilters) => void;
}>;

const PRODUCT_OPTIONS = optionsOf(PRODUCTS, PRODUCT_LABELS);
const IP_CATEGORY_OPTIONS = optionsOf(IP_CATEGORIES, IP_CATEGORY_LABELS);
const SOURCE_OPTIONS = optionsOf(ACTIVITY_SOURCES, SOURCE_LABELS);
const OUTCOME_OPTIONS = optionsOf(SESSION_OUTCOMES, OUTCOME_LABELS);

const clean = (filters: Record<string, unknown>): TActivityUrlFilters =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : Boolean(v)))) as TActivityUrlFilters;

/** Every filter of the activity log; applied to the URL on submit, checked with the API's own schema first. */
export function ActivityFilters({ filters, connectors, sessionPolicies, userSuggestions, onUserInput, onApply }: Props) {
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
        <FilterSelect label="Product" anyLabel="All products" options={PRODUCT_OPTIONS} value={draft.product} error={errors.product} onChange={(v) => set("product", v)} />
        <TextField label="IP or CIDR" placeholder="203.0.113.7 or 10.0.0.0/8" value={draft.ip ?? ""} error={errors.ip} onChange={(e) => set("ip", e.target.value)} />
        <TextField label="Country" placeholder="Name or ISO code" value={draft.country ?? ""} error={errors.country} onChange={(e) => set("country", e.target.value)} />
        <FilterSelect label="IP category" anyLabel="Any category" options={IP_CATEGORY_OPTIONS} value={draft.ipCategory} error={errors.ipCategory} onChange={(v) => set("ipCategory", v)} />
        <FilterSelect label="Connector" anyLabel="All connectors" options={optionsById(connectors)} value={draft.connectorId} error={errors.connectorId} onChange={(v) => set("connectorId", v)} />
        <FilterSelect label="Source" anyLabel="Any source" options={SOURCE_OPTIONS} value={draft.source} error={errors.source} onChange={(v) => set("source", v)} />
        <FilterSelect label="Session outcome" anyLabel="Any outcome" options={OUTCOME_OPTIONS} value={draft.outcome} error={errors.outcome} onChange={(v) => set("outcome", v)} />
        <FilterSelect label="Session policy" anyLabel="Any session policy" options={optionsById(sessionPolicies)} value={draft.policy} error={errors.policy} onChange={(v) => set("policy", v)}>
          {draft.policy && !sessionPolicies.some((p) => p.id === draft.policy) ? <option value={draft.policy}>Deleted policy ({draft.policy.slice(0, 8)})</option> : null}
        </FilterSelect>
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
