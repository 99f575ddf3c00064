"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { messageOf } from "@/lib/client/forms";
import { ZPolicyScope, type TPolicyDto, type TPolicyScope } from "@/lib/shared/schemas/policies";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
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
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { register, handleSubmit, formState } = useForm({
    resolver: zodResolver(ZScopeForm),
    defaultValues: Object.fromEntries(FIELDS.map(([key]) => [key, policy.scope[key].join(", ")])) as TScopeValues,
  });
  // One message for the dialog, as before: the first the schema found.
  const fieldError = messageOf(formState.errors);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const onSubmit = handleSubmit(onSave);
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
          Scope of {policy.name}
        </h2>
        <p className="text-sm text-slate-500">Comma-separated account ids, emails or group names. Empty “only” fields mean everyone.</p>
        {FIELDS.map(([key, label]) => (
          <TextField key={key} label={label} {...register(key)} />
        ))}
        {fieldError || error ? <Alert tone="error">{fieldError ?? error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose} disabled={isBusy}>
            Cancel
          </Button>
          <Button type="submit" isBusy={isBusy}>
            Save scope
          </Button>
        </div>
      </form>
    </dialog>
  );
}
