import { TextField } from "../ui/field";
import type { TPolicyDraft } from "./policy-draft";

type Props = Readonly<{ draft: TPolicyDraft; errors: Record<string, string>; onChange: (patch: Partial<TPolicyDraft>) => void; disabled: boolean }>;

/** When to alert: on every matching activity, or on N matching activities within M minutes; and for whom (scope). */
export function PolicyTriggerFields({ draft, errors, onChange, disabled }: Props) {
  return (
    <fieldset className="space-y-3" disabled={disabled}>
      <legend className="text-base font-semibold">When to alert</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="inline-flex items-center gap-2">
          <input type="radio" name="triggerKind" checked={draft.triggerKind === "single"} onChange={() => onChange({ triggerKind: "single" })} />
          Every matching activity
        </label>
        <label className="inline-flex items-center gap-2">
          <input type="radio" name="triggerKind" checked={draft.triggerKind === "repeated"} onChange={() => onChange({ triggerKind: "repeated" })} />
          Repeated activity
        </label>
      </div>
      {draft.triggerKind === "repeated" ? (
        <div className="grid items-start gap-4 sm:grid-cols-4">
          <TextField label="Count" type="number" min={2} value={draft.count} onChange={(e) => onChange({ count: e.target.value })} error={errors["trigger.count"]} />
          <TextField label="Within minutes" type="number" min={1} max={1440} value={draft.windowMinutes} onChange={(e) => onChange({ windowMinutes: e.target.value })} error={errors["trigger.windowMinutes"]} />
          <label className="mt-7 inline-flex items-center gap-2 text-sm">
            <input type="checkbox" checked={draft.perUser} onChange={(e) => onChange({ perUser: e.target.checked })} />
            Same user
          </label>
          <label className="mt-7 inline-flex items-center gap-2 text-sm">
            <input type="checkbox" checked={draft.perProduct} onChange={(e) => onChange({ perProduct: e.target.checked })} />
            Same product
          </label>
        </div>
      ) : null}
      <p className="pt-2 text-sm font-medium text-slate-700 dark:text-slate-300">For whom (comma-separated; empty = everyone)</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Only these users" placeholder="Everyone" value={draft.includeUsers} onChange={(e) => onChange({ includeUsers: e.target.value })} error={errors["scope.includeUsers"]} />
        <TextField label="Except these users" value={draft.excludeUsers} onChange={(e) => onChange({ excludeUsers: e.target.value })} error={errors["scope.excludeUsers"]} />
        <TextField label="Only these groups" placeholder="Every group" value={draft.includeGroups} onChange={(e) => onChange({ includeGroups: e.target.value })} error={errors["scope.includeGroups"]} />
        <TextField label="Except these groups" value={draft.excludeGroups} onChange={(e) => onChange({ excludeGroups: e.target.value })} error={errors["scope.excludeGroups"]} />
      </div>
      {errors.trigger ? (
        <p role="alert" className="text-xs text-red-600">
          {errors.trigger}
        </p>
      ) : null}
    </fieldset>
  );
}
