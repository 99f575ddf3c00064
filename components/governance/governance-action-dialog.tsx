"use client";

import { useState } from "react";
import { fieldErrorsOf, toServerError } from "@/lib/client/form-errors";
import { useRequestGovernanceAction } from "@/lib/client/hooks/use-governance-mutations";
import { describeGovernanceAction } from "@/lib/governance/confirmation";
import {
  GOVERNANCE_ACTION_LABELS,
  ZGovernanceActionInput,
  type TGovernanceActionDto,
  type TGovernanceActionKind,
} from "@/lib/shared/schemas/governance";
import { Alert } from "../ui/alert";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TextAreaField, TextField } from "../ui/field";

type Props = Readonly<{
  action: TGovernanceActionKind;
  connectorId: string;
  connectorName: string;
  accountId: string;
  alertId?: string;
  userLabel: string;
  onQueued: (entry: TGovernanceActionDto) => void;
  onClose: () => void;
}>;

/** The confirmation of one governance action: exactly what Watchpost will do in Atlassian, and why (required). */
export function GovernanceActionDialog({ action, connectorId, connectorName, accountId, alertId, userLabel, onQueued, onClose }: Props) {
  const request = useRequestGovernanceAction();
  const [reason, setReason] = useState("");
  const [hours, setHours] = useState("");
  const [chat, setChat] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const label = GOVERNANCE_ACTION_LABELS[action];
  const autoRestoreHours = hours.trim() === "" ? undefined : Number(hours);
  const server = request.error ? toServerError(request.error) : null;

  const onConfirm = () => {
    const parsed = ZGovernanceActionInput.safeParse({
      action,
      connectorId,
      accountId,
      alertId,
      reason,
      ...(action === "suspend_user" && autoRestoreHours !== undefined ? { autoRestoreHours } : {}),
      ...(action === "notify_user" ? { chat } : {}),
    });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    request.mutate(parsed.data, { onSuccess: onQueued });
  };

  return (
    <ConfirmDialog title={`${label}?`} confirmLabel={label} isBusy={request.isPending} onConfirm={onConfirm} onClose={onClose}>
      <p data-testid="governance-confirmation">
        {describeGovernanceAction({ action, userLabel, connectorName, autoRestoreHours: Number.isInteger(autoRestoreHours) ? autoRestoreHours : undefined, chat })}
      </p>
      <TextAreaField
        label="Reason"
        required
        rows={3}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          if (errors.reason && e.target.value.trim()) setErrors(({ reason: _fixed, ...rest }) => rest);
        }}
        error={errors.reason ?? server?.fields.reason}
        hint="Recorded in the governance log and the audit log."
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      {action === "suspend_user" ? (
        <TextField
          label="Restore access automatically after (hours)"
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          error={errors.autoRestoreHours ?? server?.fields.autoRestoreHours}
          hint="Optional. Leave empty to keep the user suspended until someone unsuspends them; confirm the suspension in the governance log to cancel the restore."
        />
      ) : null}
      {action === "notify_user" ? (
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" checked={chat} onChange={(e) => setChat(e.target.checked)} />
          Also post to chat channels
        </label>
      ) : null}
      {server ? <Alert tone="error">{server.detail}</Alert> : null}
    </ConfirmDialog>
  );
}
