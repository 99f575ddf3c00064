"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { messageOf } from "@/lib/client/forms";
import { ZPolicyActions, type TPolicyActions, type TPolicyDto } from "@/lib/shared/schemas/policies";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { PolicyActionsFieldset } from "./policy-actions-fieldset";

type Props = Readonly<{ policy: TPolicyDto; isBusy: boolean; error: string | null; onSave: (actions: TPolicyActions) => void; onClose: () => void }>;

const ZActionsForm = z.object({ actions: ZPolicyActions });

/** The actions a policy (built-in or custom) runs on new alerts, edited from the policies list. A native modal <dialog>. */
export function PolicyActionsDialog({ policy, isBusy, error, onSave, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { handleSubmit, setValue, control, formState } = useForm({ resolver: zodResolver(ZActionsForm), defaultValues: { actions: policy.actions } });
  const actions = useWatch({ control, name: "actions" });
  const fieldError = messageOf(formState.errors);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const onSubmit = handleSubmit((input) => onSave(input.actions));
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!isBusy) onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <form onSubmit={(e) => void onSubmit(e)} className="space-y-4 px-5 py-4">
        <h2 id={titleId} className="text-base font-semibold">
          Actions of {policy.name}
        </h2>
        <PolicyActionsFieldset value={actions} onChange={(next: TPolicyActions) => setValue("actions", next)} disabled={isBusy} />
        {fieldError || error ? <Alert tone="error">{fieldError ?? error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose} disabled={isBusy}>
            Cancel
          </Button>
          <Button type="submit" isBusy={isBusy}>
            Save actions
          </Button>
        </div>
      </form>
    </dialog>
  );
}
