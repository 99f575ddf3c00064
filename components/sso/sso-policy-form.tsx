"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useFieldArray, useForm } from "react-hook-form";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useSaveSsoPolicy } from "@/lib/client/hooks/use-sso-mutations";
import { ROLES } from "@/lib/shared/roles";
import { ZSsoPolicyInput, type TSsoSettingsDto } from "@/lib/shared/schemas/sso";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";

const NO_DEFAULT = "";

/** Ordered role mappings (first match wins), the role of unmapped users, and Require SSO. */
export function SsoPolicyForm({ settings }: Readonly<{ settings: TSsoSettingsDto }>) {
  const mutation = useSaveSsoPolicy();
  const { register, control, handleSubmit, setError, formState } = useForm({
    resolver: zodResolver(ZSsoPolicyInput),
    defaultValues: { roleMappings: settings.roleMappings, defaultRole: settings.defaultRole, requireSso: settings.requireSso },
  });
  const mappings = useFieldArray({ control, name: "roleMappings" });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((input) => mutation.mutate(input, { onError: (error) => applyProblem(setError, error) }));
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-4" aria-label="Roles and policy">
      <ol className="space-y-2">
        {mappings.fields.map((field, index) => (
          <li key={field.id} className="flex flex-wrap items-end gap-2" data-testid={`role-mapping-${index}`}>
            <span className="w-6 pb-2 text-sm text-slate-500">{index + 1}.</span>
            <div className="min-w-48 flex-1">
              <TextField label={`Group ${index + 1}`} {...fieldErrorProps(errors, `roleMappings.${index}.group`)} {...register(`roleMappings.${index}.group`)} />
            </div>
            <SelectField label={`Role ${index + 1}`} {...register(`roleMappings.${index}.role`)}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </SelectField>
            <Button type="button" variant="secondary" disabled={index === 0} onClick={() => mappings.move(index, index - 1)} aria-label={`Move mapping ${index + 1} up`}>
              ↑
            </Button>
            <Button type="button" variant="secondary" onClick={() => mappings.remove(index)} aria-label={`Remove mapping ${index + 1}`}>
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <Button type="button" variant="secondary" onClick={() => mappings.append({ group: "", role: "viewer" })}>
        Add mapping
      </Button>
      <SelectField
        label="Users in no mapped group"
        {...register("defaultRole", { setValueAs: (v: string | null) => (v === NO_DEFAULT || v === null ? null : v) })}
      >
        <option value={NO_DEFAULT}>Refuse sign-in</option>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            Sign in as {role}
          </option>
        ))}
      </SelectField>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" {...register("requireSso")} />
        <span>
          <span className="font-medium">Require SSO</span>: password sign-in only for break-glass accounts (listed below).
        </span>
      </label>
      {errors.requireSso?.message ? <Alert tone="error">{errors.requireSso.message}</Alert> : null}
      {formError && formError !== errors.requireSso?.message ? <Alert tone="error">{formError}</Alert> : null}
      {mutation.isSuccess ? <Alert tone="success">Roles and policy saved. They apply from each user&apos;s next sign-in.</Alert> : null}
      <Button type="submit" isBusy={mutation.isPending}>
        Save roles and policy
      </Button>
    </form>
  );
}
