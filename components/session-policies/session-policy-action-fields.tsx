"use client";

import { useWatch, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { fieldErrorProps } from "@/lib/client/forms";
import { SEVERITIES } from "@/lib/shared/schemas/policies";
import { SelectField, TextField } from "../ui/field";
import type { TSessionDraftControl, TSessionPolicyDraft } from "./session-policy-draft";

type Props = Readonly<{ control: TSessionDraftControl; register: UseFormRegister<TSessionPolicyDraft>; errors: FieldErrors<TSessionPolicyDraft> }>;

/** What happens on a match: audit or block (with the block page's message and contact), notify the user, raise an alert. */
export function SessionPolicyActionFields({ control, register, errors }: Props) {
  const err = (name: string) => fieldErrorProps(errors, name);
  const kind = useWatch({ control, name: "action.kind" });
  const isAlertOn = useWatch({ control, name: "alert.isOn" });
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold">What happens</legend>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Action" {...register("action.kind")} {...err("action.kind")}>
          <option value="audit">Audit (log the request)</option>
          <option value="block">Block (answer the block page)</option>
        </SelectField>
        {kind === "block" ? (
          <>
            <TextField label="Block message" placeholder="Downloads need a managed device." hint="Shown on the block page and in the .txt notice; empty names the policy." {...register("action.blockMessage")} {...err("action.blockMessage")} />
            <TextField label="Contact" placeholder="it-security@acme.com" hint="Whom to ask, shown on the block page." {...register("action.contact")} {...err("action.contact")} />
          </>
        ) : null}
      </div>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" {...register("notifyUser")} />
        Notify the user by email (at most once per policy and user per hour)
      </label>
      <div className="space-y-3">
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" {...register("alert.isOn")} />
          Raise an alert
        </label>
        {isAlertOn ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField label="Alert severity" {...register("alert.severity")} {...err("alert.severity")}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </SelectField>
            <TextField label="At most alerts per day" inputMode="numeric" {...register("alert.maxPerDay")} {...err("alert.maxPerDay")} />
          </div>
        ) : null}
      </div>
      <div className="w-40">
        <TextField label="Priority" inputMode="numeric" hint="Lower runs first; the first Block wins." {...register("priority")} {...err("priority")} />
      </div>
    </fieldset>
  );
}
