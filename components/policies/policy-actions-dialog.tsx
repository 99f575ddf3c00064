"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ZPolicyActions, type TPolicyActions, type TPolicyDto } from "@/lib/shared/schemas/policies";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { PolicyActionsFieldset } from "./policy-actions-fieldset";

type Props = Readonly<{ policy: TPolicyDto; isBusy: boolean; error: string | null; onSave: (actions: TPolicyActions) => void; onClose: () => void }>;

/** The actions a policy (built-in or custom) runs on new alerts, edited from the policies list. A native modal <dialog>. */
export function PolicyActionsDialog({ policy, isBusy, error, onSave, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [actions, setActions] = useState<TPolicyActions>(policy.actions);
  const [fieldError, setFieldError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = ZPolicyActions.safeParse(actions);
    if (!parsed.success) return setFieldError(parsed.error.issues[0]?.message ?? "Invalid actions");
    setFieldError(null);
    onSave(parsed.data);
  };
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
      <form onSubmit={onSubmit} className="space-y-4 px-5 py-4">
        <h2 id={titleId} className="text-base font-semibold">
          Actions of {policy.name}
        </h2>
        <PolicyActionsFieldset value={actions} onChange={setActions} disabled={isBusy} />
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
