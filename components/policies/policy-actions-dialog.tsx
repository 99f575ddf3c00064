"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { messageOf } from "@/lib/client/forms";
import { ZPolicyActions, type TPolicyActions, type TPolicyDto } from "@/lib/shared/schemas/policies";
import { FormDialog } from "../ui/form-dialog";
import { PolicyActionsFieldset } from "./policy-actions-fieldset";

type Props = Readonly<{ policy: TPolicyDto; isBusy: boolean; error: string | null; onSave: (actions: TPolicyActions) => void; onClose: () => void }>;

const ZActionsForm = z.object({ actions: ZPolicyActions });

/** The actions a policy (built-in or custom) runs on new alerts, edited from the policies list. A native modal <dialog>. */
export function PolicyActionsDialog({ policy, isBusy, error, onSave, onClose }: Props) {
  const { handleSubmit, setValue, control, formState } = useForm({ resolver: zodResolver(ZActionsForm), defaultValues: { actions: policy.actions } });
  const actions = useWatch({ control, name: "actions" });
  const onSubmit = handleSubmit((input) => onSave(input.actions));
  return (
    <FormDialog title={`Actions of ${policy.name}`} submitLabel="Save actions" isBusy={isBusy} error={messageOf(formState.errors) ?? error} onSubmit={(e) => void onSubmit(e)} onClose={onClose}>
      <PolicyActionsFieldset value={actions} onChange={(next: TPolicyActions) => setValue("actions", next)} disabled={isBusy} />
    </FormDialog>
  );
}
