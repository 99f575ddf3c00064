import type { ReactNode } from "react";
import { SelectField } from "./field";

export type TSelectOption = Readonly<{ value: string; label: string }>;

/** Options from a list of keys and their labels (a key without a label shows as itself). */
export const optionsOf = (keys: readonly string[], labels: Readonly<Record<string, string>>): TSelectOption[] =>
  keys.map((key) => ({ value: key, label: labels[key] ?? key }));

/** Options from records with an id and a name, such as connectors. */
export const optionsById = (items: readonly Readonly<{ id: string; name: string }>[]): TSelectOption[] =>
  items.map((item) => ({ value: item.id, label: item.name }));

export function SelectOptions({ options }: Readonly<{ options: readonly TSelectOption[] }>) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

type FilterSelectProps = Readonly<{
  label: string;
  /** The first option, meaning "no filter" (value ""), e.g. "Any status". */
  anyLabel: string;
  options: readonly TSelectOption[];
  value: string | undefined;
  /** undefined when the "any" option is chosen. */
  onChange: (value: string | undefined) => void;
  error?: string;
  /** Options after the list, e.g. the current value when the list does not hold it. */
  children?: ReactNode;
}>;

/** A labelled select of a filter bar whose first option clears the filter. */
export function FilterSelect({ label, anyLabel, options, value, onChange, error, children }: FilterSelectProps) {
  return (
    <SelectField label={label} value={value ?? ""} error={error} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">{anyLabel}</option>
      <SelectOptions options={options} />
      {children}
    </SelectField>
  );
}
