"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useSaveIncidentSettings } from "@/lib/client/hooks/use-incident-mutations";
import { INCIDENT_WINDOW_HOURS, ZIncidentSettings, type TIncidentSettings } from "@/lib/shared/schemas/incidents";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/field";

type Props = Readonly<{ settings: TIncidentSettings; onClose: () => void }>;

/** Admins: how long after an account's last alert its next one still joins the same incident (PUT /api/v1/incidents/settings). */
export function IncidentSettingsDialog({ settings, onClose }: Props) {
  const save = useSaveIncidentSettings();
  const { register, handleSubmit, setError, formState } = useForm<z.input<typeof ZIncidentSettings>, unknown, TIncidentSettings>({
    resolver: zodResolver(ZIncidentSettings),
    defaultValues: { windowHours: settings.windowHours },
  });
  const onSubmit = handleSubmit((input) => save.mutate(input, { onSuccess: onClose, onError: (error) => applyProblem(setError, error) }));
  const formError = formErrorOf(formState.errors);
  return (
    <FormDialog title="Incident grouping" submitLabel="Save" isBusy={save.isPending} error={formState.errors.windowHours ? null : formError} onSubmit={(e) => void onSubmit(e)} onClose={onClose}>
      <TextField
        label="Grouping window (hours)"
        type="number"
        inputMode="numeric"
        // No min/max/required: the browser's own bubble would pre-empt the schema's message under the field.
        hint={`An account's alert joins its open incident when it comes within this many hours of the incident's last alert (${INCIDENT_WINDOW_HOURS.min}–${INCIDENT_WINDOW_HOURS.max}, default ${INCIDENT_WINDOW_HOURS.default}). Applies to alerts raised from now on.`}
        {...fieldErrorProps(formState.errors, "windowHours")}
        {...register("windowHours")}
      />
    </FormDialog>
  );
}
