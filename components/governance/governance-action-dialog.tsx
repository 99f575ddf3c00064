"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { applyProblem, formErrorOf, fieldErrorProps } from "@/lib/client/forms";
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

type TTarget = Readonly<{ action: TGovernanceActionKind; connectorId: string; accountId: string; alertId?: string }>;

/** The dialog's inputs plus the target → the request body, checked by the shared schema. */
const governanceSchema = ({ action, connectorId, accountId, alertId }: TTarget) =>
  z
    .object({ reason: z.string(), autoRestoreHours: z.string(), chat: z.boolean() })
    .transform((v): unknown => ({
      action,
      connectorId,
      accountId,
      alertId,
      reason: v.reason,
      ...(action === "suspend_user" && v.autoRestoreHours.trim() !== "" ? { autoRestoreHours: Number(v.autoRestoreHours) } : {}),
      ...(action === "notify_user" ? { chat: v.chat } : {}),
    }))
    .pipe(ZGovernanceActionInput);

/** The confirmation of one governance action: exactly what Watchpost will do in Atlassian, and why (required). */
export function GovernanceActionDialog({ action, connectorId, connectorName, accountId, alertId, userLabel, onQueued, onClose }: Props) {
  const request = useRequestGovernanceAction();
  const resolver = useMemo(() => zodResolver(governanceSchema({ action, connectorId, accountId, alertId })), [action, connectorId, accountId, alertId]);
  const { register, handleSubmit, setError, control, formState } = useForm({ resolver, defaultValues: { reason: "", autoRestoreHours: "", chat: false } });
  const { errors } = formState;
  const [hours, chat] = useWatch({ control, name: ["autoRestoreHours", "chat"] });
  const label = GOVERNANCE_ACTION_LABELS[action];
  const autoRestoreHours = hours.trim() === "" ? undefined : Number(hours);
  const formError = formErrorOf(errors);
  const onConfirm = handleSubmit((input) => request.mutate(input, { onSuccess: onQueued, onError: (error) => applyProblem(setError, error) }));

  return (
    <ConfirmDialog title={`${label}?`} confirmLabel={label} isBusy={request.isPending} onConfirm={() => void onConfirm()} onClose={onClose}>
      <p data-testid="governance-confirmation">
        {describeGovernanceAction({ action, userLabel, connectorName, autoRestoreHours: Number.isInteger(autoRestoreHours) ? autoRestoreHours : undefined, chat })}
      </p>
      <TextAreaField
        label="Reason"
        required
        rows={3}
        {...fieldErrorProps(errors, "reason")}
        hint="Recorded in the governance log and the audit log."
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        {...register("reason")}
      />
      {action === "suspend_user" ? (
        <TextField
          label="Restore access automatically after (hours)"
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          {...fieldErrorProps(errors, "autoRestoreHours")}
          hint="Optional. Leave empty to keep the user suspended until someone unsuspends them; confirm the suspension in the governance log to cancel the restore."
          {...register("autoRestoreHours")}
        />
      ) : null}
      {action === "notify_user" ? (
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" {...register("chat")} />
          Also post to chat channels
        </label>
      ) : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
    </ConfirmDialog>
  );
}
