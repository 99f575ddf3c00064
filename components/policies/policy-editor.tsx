"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch, type Path } from "react-hook-form";
import { applyProblem, formErrorOf } from "@/lib/client/forms";
import { useDeletePolicy, useSavePolicy } from "@/lib/client/hooks/use-policy-mutations";
import { CUSTOM_POLICY_TEMPLATES } from "@/lib/detection/custom/templates";
import { SEVERITIES, type TPolicyDto } from "@/lib/shared/schemas/policies";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SelectField, TextField } from "../ui/field";
import { TemplatePicker } from "./policy-form-parts";
import { PolicyActionsFieldset } from "./policy-actions-fieldset";
import { PolicyFilterFields } from "./policy-filter-fields";
import { PolicyPreview } from "./policy-preview";
import { PolicyTriggerFields } from "./policy-trigger-fields";
import { draftErrorsOf, draftFromPolicy, draftKeyOf, EMPTY_DRAFT, ZPolicyForm, type TPolicyDraft } from "./policy-draft";

type Props = Readonly<{ policy?: TPolicyDto; canEdit: boolean; canPreview: boolean }>;

/** Create or edit a custom activity policy, starting from a template, with a preview before saving. */
export function PolicyEditor({ policy, canEdit, canPreview }: Props) {
  const router = useRouter();
  // The draft's fields are controlled by the sub-forms (filter, trigger, actions), so values go in with setValue
  // and come out with useWatch; the resolver checks the body the draft becomes, with the shared schema.
  const { control, handleSubmit, reset, setValue, setError, clearErrors, formState } = useForm({
    resolver: zodResolver(ZPolicyForm),
    defaultValues: policy ? draftFromPolicy(policy) : EMPTY_DRAFT,
  });
  const draft = useWatch({ control }) as TPolicyDraft;
  const errors = draftErrorsOf(formState.errors);
  const formError = formErrorOf(formState.errors);
  const [isDeleting, setIsDeleting] = useState(false);
  const save = useSavePolicy(policy?.id);
  const remove = useDeletePolicy(policy?.id ?? "");
  const onChange = (patch: Partial<TPolicyDraft>) => {
    for (const [key, value] of Object.entries(patch)) setValue(key as keyof TPolicyDraft, value);
  };
  /** Errors found by a preview (same keys) replace the editor's, as a failed save's would. */
  const onPreviewInvalid = (found: Record<string, string>) => {
    clearErrors();
    for (const [key, message] of Object.entries(found)) setError(key as Path<TPolicyDraft>, { type: "preview", message });
  };

  const onTemplate = (id: string) => {
    const template = CUSTOM_POLICY_TEMPLATES.find((t) => t.id === id);
    reset(template ? draftFromPolicy({ ...template, enabled: true }) : draft);
  };
  const onSubmit = handleSubmit((input) =>
    save.mutate(input, {
      onSuccess: () => router.push("/policies"),
      onError: (error) => applyProblem(setError, error, { fieldOf: draftKeyOf }),
    }),
  );
  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={policy ? `Edit policy ${policy.name}` : "New policy"} className="space-y-6">
      {!policy && canEdit ? (
        <TemplatePicker templates={CUSTOM_POLICY_TEMPLATES.map((t) => ({ key: t.id, title: t.name }))} onPick={onTemplate} />
      ) : null}
      <Card>
        <div className="space-y-6">
          <fieldset className="grid gap-4 sm:grid-cols-3" disabled={!canEdit}>
            <div className="sm:col-span-2">
              <TextField label="Name" value={draft.name} onChange={(e) => onChange({ name: e.target.value })} maxLength={120} error={errors.name} />
            </div>
            <SelectField label="Severity" value={draft.severity} onChange={(e) => onChange({ severity: e.target.value as TPolicyDraft["severity"] })} error={errors.severity}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </SelectField>
            <div className="sm:col-span-3">
              <TextField label="Description" value={draft.description} onChange={(e) => onChange({ description: e.target.value })} error={errors.description} />
            </div>
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" checked={draft.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
              Enabled
            </label>
          </fieldset>
          <PolicyFilterFields draft={draft} errors={errors} onChange={onChange} disabled={!canEdit} />
          <PolicyTriggerFields draft={draft} errors={errors} onChange={onChange} disabled={!canEdit} />
          <PolicyActionsFieldset value={draft.governanceActions} onChange={(governanceActions) => onChange({ governanceActions })} disabled={!canEdit} error={errors.actions} />
          {canPreview ? <PolicyPreview draft={draft} onInvalid={onPreviewInvalid} /> : null}
        </div>
      </Card>
      {formError && !hasFieldErrors ? <Alert tone="error">{formError}</Alert> : null}
      {hasFieldErrors ? <Alert tone="error">Check the highlighted fields.</Alert> : null}
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" isBusy={save.isPending}>
            {policy ? "Save policy" : "Create policy"}
          </Button>
          <Button type="button" variant="secondary" onClick={() => router.push("/policies")}>
            Cancel
          </Button>
          {policy ? (
            <Button type="button" variant="danger" className="ml-auto" onClick={() => setIsDeleting(true)}>
              Delete policy
            </Button>
          ) : null}
        </div>
      ) : null}
      {isDeleting && policy ? (
        <ConfirmDialog title={`Delete the policy “${policy.name}”?`} confirmLabel="Delete policy" isBusy={remove.isPending} onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push("/policies") })} onClose={() => setIsDeleting(false)}>
          <p>It stops alerting at once. Alerts it already raised are kept.</p>
          {remove.isError ? <Alert tone="error">{remove.error.message}</Alert> : null}
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
