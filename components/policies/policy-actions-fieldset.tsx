import { GOVERNANCE_ACTION_LABELS, POLICY_GOVERNANCE_ACTIONS } from "@/lib/shared/schemas/governance";
import type { TPolicyActions } from "@/lib/shared/schemas/policies";
import { CheckGroup } from "./check-group";

type Props = Readonly<{ value: TPolicyActions; onChange: (value: TPolicyActions) => void; disabled?: boolean; error?: string }>;

/** The governance actions a policy runs on each of its new alerts: one checkbox per action, kept in catalogue order. */
export function PolicyActionsFieldset({ value, onChange, disabled = false, error }: Props) {
  return (
    <CheckGroup
      legend="Actions on new alerts"
      hint={
        <>
          Run against the alert&apos;s user through the Atlassian Admin API as soon as the alert is raised (alerts about activity older than 24 hours
          never trigger actions). Every run is written to the governance log. Restoring access is never automatic.
        </>
      }
      options={POLICY_GOVERNANCE_ACTIONS}
      labels={GOVERNANCE_ACTION_LABELS}
      value={value}
      onChange={(next) => onChange(POLICY_GOVERNANCE_ACTIONS.filter((a) => next.includes(a)))}
      disabled={disabled}
      error={error}
    />
  );
}
