"use client";

import { SelectField } from "../ui/field";
import { ACTION_GROUPS } from "./activity-format";

/** Multi-select of the action catalogue, grouped as in the catalogue (Ctrl/Cmd-click for several). */
export function ActionSelect({ value, error, onChange }: Readonly<{ value: readonly string[]; error?: string; onChange: (actions: string[]) => void }>) {
  return (
    <SelectField
      label="Action"
      multiple
      size={4}
      value={[...value]}
      error={error}
      hint={value.length ? `${value.length} selected` : "Any action; Ctrl/Cmd-click to pick several"}
      onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
    >
      {ACTION_GROUPS.map(({ group, actions }) => (
        <optgroup key={group} label={group}>
          {actions.map((a) => (
            <option key={a.key} value={a.key}>
              {a.displayName}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
