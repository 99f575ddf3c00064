"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/lib/client/api-client";
import { policyKeys } from "@/lib/client/queries/policies";
import { CUSTOM_POLICY_TEMPLATES } from "@/lib/detection/custom/templates";
import { SEVERITIES, ZCreatePolicyInput, type TPolicyDto } from "@/lib/shared/schemas/policies";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SelectField, TextField } from "../ui/field";
import { PolicyActionsFieldset } from "./policy-actions-fieldset";
import { PolicyFilterFields } from "./policy-filter-fields";
import { PolicyPreview } from "./policy-preview";
import { PolicyTriggerFields } from "./policy-trigger-fields";
import { bodyOf, draftErrors, draftFromPolicy, EMPTY_DRAFT, zodDraftErrors, type TPolicyDraft } from "./policy-draft";

type Props = Readonly<{ policy?: TPolicyDto; canEdit: boolean; canPreview: boolean }>;

/** Create or edit a custom activity policy, starting from a template, with a preview before saving. */
export function PolicyEditor({ policy, canEdit, canPreview }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TPolicyDraft>(() => (policy ? draftFromPolicy(policy) : EMPTY_DRAFT));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isDeleting, setIsDeleting] = useState(false);
  const onChange = (patch: Partial<TPolicyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const onServerError = (error: Error) => {
    if (error instanceof ApiError && error.invalidParams.length > 0) setErrors(draftErrors(error.invalidParams.map((p) => ({ path: p.name.split("."), message: p.reason }))));
  };
  const save = useMutation({
    mutationFn: (body: unknown) =>
      policy ? apiFetch<TPolicyDto>(`/api/v1/policies/${policy.id}`, { method: "PATCH", json: body }) : apiFetch<TPolicyDto>("/api/v1/policies", { method: "POST", json: body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: policyKeys.all });
      router.push("/policies");
    },
    onError: onServerError,
  });
  const remove = useMutation({
    mutationFn: () => apiFetch<null>(`/api/v1/policies/${policy?.id ?? ""}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: policyKeys.all });
      router.push("/policies");
    },
  });

  const onTemplate = (id: string) => {
    const template = CUSTOM_POLICY_TEMPLATES.find((t) => t.id === id);
    if (template) setDraft(draftFromPolicy({ ...template, enabled: true }));
    setErrors({});
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = ZCreatePolicyInput.safeParse(bodyOf(draft));
    if (!parsed.success) return setErrors(zodDraftErrors(parsed.error));
    setErrors({});
    save.mutate(parsed.data);
  };
  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={policy ? `Edit policy ${policy.name}` : "New policy"} className="space-y-6">
      {!policy && canEdit ? (
        <Card title="Start from a template" description="Fills the form; change anything before saving.">
          <SelectField label="Template" defaultValue="" onChange={(e) => onTemplate(e.target.value)}>
            <option value="">Blank policy</option>
            {CUSTOM_POLICY_TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
        </Card>
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
          {canPreview ? <PolicyPreview draft={draft} onInvalid={setErrors} /> : null}
        </div>
      </Card>
      {save.isError && !hasFieldErrors ? <Alert tone="error">{save.error.message}</Alert> : null}
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
        <ConfirmDialog title={`Delete the policy “${policy.name}”?`} confirmLabel="Delete policy" isBusy={remove.isPending} onConfirm={() => remove.mutate()} onClose={() => setIsDeleting(false)}>
          <p>It stops alerting at once. Alerts it already raised are kept.</p>
          {remove.isError ? <Alert tone="error">{remove.error.message}</Alert> : null}
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
