"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyProblem, fieldErrorProps, formErrorOf, hasFieldErrors } from "@/lib/client/forms";
import { useDeleteSessionPolicy, useSaveSessionPolicy } from "@/lib/client/hooks/use-session-policy-mutations";
import type { TSessionPolicyDto } from "@/lib/shared/schemas/session-policy-api";
import { SESSION_CONTROL_TYPE_LABELS, SESSION_CONTROL_TYPES, SESSION_POLICY_TEMPLATES, type TCreateSessionPolicyInput } from "@/lib/shared/schemas/session-policies";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SelectField, TextField } from "../ui/field";
import { TemplatePicker } from "../policies/policy-form-parts";
import { SessionPolicyActionFields } from "./session-policy-action-fields";
import { EMPTY_SESSION_DRAFT, sessionDraftOf, sessionFieldOf, ZSessionPolicyForm } from "./session-policy-draft";
import { SessionPolicyFilterFields } from "./session-policy-filter-fields";
import { SessionPolicyPreview } from "./session-policy-preview";

type Props = Readonly<{ policy?: TSessionPolicyDto; canEdit: boolean; canPreview: boolean }>;

const LIST = "/policies?kind=session";

/** Create or edit a session policy, from a template, with a preview over recorded session activity before saving. */
export function SessionPolicyEditor({ policy, canEdit, canPreview }: Props) {
  const router = useRouter();
  const { control, register, handleSubmit, reset, setError, formState } = useForm({
    resolver: zodResolver(ZSessionPolicyForm),
    defaultValues: policy ? sessionDraftOf(policy) : EMPTY_SESSION_DRAFT,
  });
  const { errors } = formState;
  const [isDeleting, setIsDeleting] = useState(false);
  const save = useSaveSessionPolicy(policy?.id);
  const remove = useDeleteSessionPolicy(policy?.id ?? "");
  const err = (name: string) => fieldErrorProps(errors, name);

  const onTemplate = (key: string) => {
    const template = SESSION_POLICY_TEMPLATES.find((t) => t.key === key);
    reset(template ? sessionDraftOf(template.policy) : EMPTY_SESSION_DRAFT);
  };
  const onSubmit = handleSubmit((input) =>
    save.mutate(input, {
      onSuccess: () => router.push(LIST),
      onError: (error) => applyProblem(setError, error, { fieldOf: sessionFieldOf }),
    }),
  );
  /** The preview runs what Save would send: the same checks, the errors shown by the same fields. */
  const validPolicy = () => new Promise<TCreateSessionPolicyInput | null>((resolve) => void handleSubmit(resolve, () => resolve(null))());
  const formError = formErrorOf(errors);
  const isFieldInvalid = hasFieldErrors(errors);
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={policy ? `Edit session policy ${policy.name}` : "New session policy"} className="space-y-6">
      {!policy && canEdit ? (
        <TemplatePicker templates={SESSION_POLICY_TEMPLATES} onPick={onTemplate} />
      ) : null}
      <Card>
        <div className="space-y-6">
          <fieldset className="space-y-6" disabled={!canEdit}>
            <div className="grid gap-4 sm:grid-cols-3">
              <div className="sm:col-span-2">
                <TextField label="Name" maxLength={120} {...register("name")} {...err("name")} />
              </div>
              <SelectField label="Control type" {...register("controlType")} {...err("controlType")}>
                {SESSION_CONTROL_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {SESSION_CONTROL_TYPE_LABELS[t]}
                  </option>
                ))}
              </SelectField>
              <div className="sm:col-span-3">
                <TextField label="Description" {...register("description")} {...err("description")} />
              </div>
              <label className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" {...register("enabled")} />
                Enabled
              </label>
            </div>
            <SessionPolicyFilterFields control={control} register={register} errors={errors} />
            <SessionPolicyActionFields control={control} register={register} errors={errors} />
          </fieldset>
          {canPreview ? <SessionPolicyPreview validPolicy={validPolicy} /> : null}
        </div>
      </Card>
      {formError ? <Alert tone="error">{formError}</Alert> : isFieldInvalid ? <Alert tone="error">Check the highlighted fields.</Alert> : null}
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" isBusy={save.isPending}>
            {policy ? "Save session policy" : "Create session policy"}
          </Button>
          <Button type="button" variant="secondary" onClick={() => router.push(LIST)}>
            Cancel
          </Button>
          {policy ? (
            <Button type="button" variant="danger" className="ml-auto" onClick={() => setIsDeleting(true)}>
              Delete session policy
            </Button>
          ) : null}
        </div>
      ) : null}
      {isDeleting && policy ? (
        <ConfirmDialog
          title={`Delete the session policy “${policy.name}”?`}
          confirmLabel="Delete session policy"
          isBusy={remove.isPending}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push(LIST) })}
          onClose={() => setIsDeleting(false)}
        >
          <p>The proxy stops applying it within seconds. Activities it matched keep their outcome.</p>
          {remove.isError ? <Alert tone="error">{remove.error.message}</Alert> : null}
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
