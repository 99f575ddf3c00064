"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyProblem, fieldErrorProps, formErrorOf, messageOf } from "@/lib/client/forms";
import { useCreateLegalHold, useReleaseLegalHold } from "@/lib/client/hooks/use-retention-mutations";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { ZLegalHoldInput, type TLegalHoldDto, type TLegalHoldInput } from "@/lib/shared/schemas/retention";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SelectField, TextField } from "../ui/field";
import { LocalTime } from "../ui/local-time";

const subjectOf = (hold: TLegalHoldDto) => (hold.userAccountId ? `${hold.userLabel ?? hold.userAccountId} in ${hold.connectorName}` : `All of ${hold.connectorName}`);

/** Active and released holds, a form to add one, and Release (confirmed). */
export function LegalHolds({ holds }: Readonly<{ holds: readonly TLegalHoldDto[] }>) {
  const [releasing, setReleasing] = useState<TLegalHoldDto | null>(null);
  const release = useReleaseLegalHold();
  const active = holds.filter((h) => !h.releasedAt);
  const released = holds.filter((h) => h.releasedAt);
  const releaseError = release.error ? (messageOf(release.error) ?? (release.error as Error).message) : undefined;
  return (
    <div className="space-y-5">
      {active.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No legal hold: everything follows the retention periods.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label="Active legal holds">
          {active.map((hold) => (
            <li key={hold.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm">
              <span>
                <span className="font-medium">{subjectOf(hold)}</span> · {hold.reason}
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  Since <LocalTime iso={hold.createdAt} />
                  {hold.createdBy ? ` by ${hold.createdBy}` : ""}
                </span>
              </span>
              <Button variant="secondary" onClick={() => setReleasing(hold)} aria-label={`Release hold on ${subjectOf(hold)}`}>
                Release
              </Button>
            </li>
          ))}
        </ul>
      )}
      {releaseError ? <Alert tone="error">{releaseError}</Alert> : null}
      <AddLegalHoldForm />
      {released.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-300">Released holds ({released.length})</summary>
          <ul className="mt-2 space-y-1 text-slate-600 dark:text-slate-300" aria-label="Released legal holds">
            {released.map((hold) => (
              <li key={hold.id}>
                {subjectOf(hold)} · {hold.reason} · released <LocalTime iso={hold.releasedAt!} />
                {hold.releasedBy ? ` by ${hold.releasedBy}` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {releasing ? (
        <ConfirmDialog
          title="Release this legal hold?"
          confirmLabel="Release hold"
          isBusy={release.isPending}
          onClose={() => setReleasing(null)}
          onConfirm={() => release.mutate(releasing.id, { onSettled: () => setReleasing(null) })}
        >
          <p>
            {subjectOf(releasing)}: records past retention will be removed by the next run. The hold stays listed as released.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function AddLegalHoldForm() {
  const connectors = useQuery(connectorsQuery());
  const create = useCreateLegalHold();
  const { register, handleSubmit, setError, reset, formState } = useForm<TLegalHoldInput>({
    resolver: zodResolver(ZLegalHoldInput),
    defaultValues: { connectorId: "", user: "", reason: "" },
  });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((input) =>
    create.mutate(input, { onError: (error) => applyProblem(setError, error), onSuccess: () => reset({ connectorId: input.connectorId, user: "", reason: "" }) }),
  );
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-3" aria-label="Add a legal hold">
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Connector" {...fieldErrorProps(errors, "connectorId")} {...register("connectorId")}>
          <option value="">Choose a connector…</option>
          {(connectors.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField label="User (optional)" hint="Account id or email; empty holds the whole connector" {...fieldErrorProps(errors, "user")} {...register("user")} />
        <TextField label="Reason" hint="e.g. the case or request number" {...fieldErrorProps(errors, "reason")} {...register("reason")} />
      </div>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {create.isSuccess ? <Alert tone="success">Legal hold added.</Alert> : null}
      <Button type="submit" isBusy={create.isPending}>
        Add legal hold
      </Button>
    </form>
  );
}
