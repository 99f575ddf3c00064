import { GOVERNANCE_ACTION_LABELS, POLICY_GOVERNANCE_ACTIONS } from "@/lib/shared/schemas/governance";
import type { TPolicyActions } from "@/lib/shared/schemas/policies";

type Props = Readonly<{ value: TPolicyActions; onChange: (value: TPolicyActions) => void; disabled?: boolean; error?: string }>;

/** The governance actions a policy runs on each of its new alerts: one checkbox per action. */
export function PolicyActionsFieldset({ value, onChange, disabled = false, error }: Props) {
  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Actions on new alerts</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Run against the alert&apos;s user through the Atlassian Admin API as soon as the alert is raised (alerts about activity older than 24 hours
        never trigger actions). Every run is written to the governance log. Restoring access is never automatic.
      </p>
      <div className="flex flex-wrap gap-x-5 gap-y-1">
        {POLICY_GOVERNANCE_ACTIONS.map((action) => (
          <label key={action} className="inline-flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={value.includes(action)}
              onChange={(e) => onChange(POLICY_GOVERNANCE_ACTIONS.filter((a) => (a === action ? e.target.checked : value.includes(a))))}
            />
            {GOVERNANCE_ACTION_LABELS[action]}
          </label>
        ))}
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
