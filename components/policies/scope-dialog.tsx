"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { messageOf } from "@/lib/client/forms";
import { ZPolicyScope, type TPolicyDto, type TPolicyScope } from "@/lib/shared/schemas/policies";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/field";

type Props = Readonly<{ policy: TPolicyDto; isBusy: boolean; error: string | null; onSave: (scope: TPolicyScope) => void; onClose: () => void }>;

const FIELDS = [
  ["includeUsers", "Only these users"],
  ["excludeUsers", "Except these users"],
  ["includeGroups", "Only these groups"],
  ["excludeGroups", "Except these groups"],
] as const;

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

type TScopeValues = Record<(typeof FIELDS)[number][0], string>;

/** Each box's comma-separated text → a list, then the shared scope schema. */
const ZScopeForm = z
  .object({ includeUsers: z.string(), excludeUsers: z.string(), includeGroups: z.string(), excludeGroups: z.string() })
  .transform((v): unknown => Object.fromEntries(FIELDS.map(([key]) => [key, list(v[key])])))
  .pipe(ZPolicyScope);

/** Who a policy applies to: include/exclude users (account ids or emails) and groups. A native modal <dialog>. */
export function ScopeDialog({ policy, isBusy, error, onSave, onClose }: Props) {
  const { register, handleSubmit, formState } = useForm({
    resolver: zodResolver(ZScopeForm),
    defaultValues: Object.fromEntries(FIELDS.map(([key]) => [key, policy.scope[key].join(", ")])) as TScopeValues,
  });
  const onSubmit = handleSubmit(onSave);
  // One message for the dialog, as before: the first the schema found (the boxes show none of their own).
  return (
    <FormDialog title={`Scope of ${policy.name}`} submitLabel="Save scope" isBusy={isBusy} error={messageOf(formState.errors) ?? error} onSubmit={(e) => void onSubmit(e)} onClose={onClose}>
      <p className="text-sm text-slate-500">Comma-separated account ids, emails or group names. Empty “only” fields mean everyone.</p>
      {FIELDS.map(([key, label]) => (
        <TextField key={key} label={label} {...register(key)} />
      ))}
    </FormDialog>
  );
}
