"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useSaveRetention } from "@/lib/client/hooks/use-retention-mutations";
import { RETENTION_DEFAULT_DAYS, retentionField, ZRetentionSettingsInput, type TRetentionPeriodDto, type TRetentionSettingsInput } from "@/lib/shared/schemas/retention";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

const hintOf = (period: TRetentionPeriodDto) =>
  period.source === "environment" ? `Set by ${period.envVar}` : `Default ${RETENTION_DEFAULT_DAYS[period.kind]} days${period.source === "default" ? " (in force)" : ""}`;

export function RetentionPeriodsForm({ periods }: Readonly<{ periods: readonly TRetentionPeriodDto[] }>) {
  const mutation = useSaveRetention();
  const defaultValues = Object.fromEntries(periods.map((p) => [retentionField(p.kind), p.days])) as TRetentionSettingsInput;
  const { register, handleSubmit, setError, formState } = useForm({ resolver: zodResolver(ZRetentionSettingsInput), defaultValues });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((input) => mutation.mutate(input, { onError: (error) => applyProblem(setError, error) }));
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-4" aria-label="Retention periods">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {periods.map((period) => (
          <TextField
            key={period.kind}
            label={`${period.label} (days)`}
            type="number"
            inputMode="numeric"
            min={1}
            readOnly={period.source === "environment"}
            hint={hintOf(period)}
            {...fieldErrorProps(errors, retentionField(period.kind))}
            {...register(retentionField(period.kind))}
          />
        ))}
      </div>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {mutation.isSuccess ? <Alert tone="success">Retention periods saved. The next run (daily, or Run retention now) applies them.</Alert> : null}
      <Button type="submit" isBusy={mutation.isPending}>
        Save retention periods
      </Button>
    </form>
  );
}
