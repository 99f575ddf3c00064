"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useRotateApiKey } from "@/lib/client/hooks/use-connector-mutations";
import { ZRotateKeyInput, type TRotateKeyInput } from "@/lib/shared/schemas/connectors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { maxKeyExpiry, minKeyExpiry } from "./wizard-values";

type TRotateKeyValues = Readonly<{ apiKey: string; apiKeyExpiresAt: string }>;

/** An empty date means "not given"; the body is sent as typed (the date stays YYYY-MM-DD), checked by the shared schema. */
const toInput = (values: TRotateKeyValues): TRotateKeyInput => ({ apiKey: values.apiKey, apiKeyExpiresAt: values.apiKeyExpiresAt || undefined });
const ZRotateKeyForm = z.object({ apiKey: z.string(), apiKeyExpiresAt: z.string() }).transform(toInput).pipe(ZRotateKeyInput);

type Props = Readonly<{ connectorId: string; onDone: (last4: string) => void; onCancel: () => void }>;

/** The new key is verified against Atlassian by the server before it replaces the old one; the cursor is kept. */
export function RotateKeyForm({ connectorId, onDone, onCancel }: Props) {
  const [now] = useState(() => new Date());
  const rotate = useRotateApiKey(connectorId);
  // raw: the schema's output turns the date into a Date; the API takes the string the user chose.
  const { register, handleSubmit, setError, formState } = useForm({
    resolver: zodResolver(ZRotateKeyForm, undefined, { raw: true }),
    defaultValues: { apiKey: "", apiKeyExpiresAt: maxKeyExpiry(now) },
  });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((values) => {
    const input = toInput(values);
    rotate.mutate(input, { onSuccess: () => onDone(input.apiKey.trim().slice(-4)), onError: (error) => applyProblem(setError, error) });
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Rotate API key" className="space-y-4">
      <TextField
        label="API key"
        type="password"
        autoComplete="off"
        spellCheck={false}
        autoFocus
        required
        hint="Create the new key in admin.atlassian.com → Settings → API keys. It is verified before the old one is replaced."
        {...fieldErrorProps(errors, "apiKey")}
        {...register("apiKey")}
      />
      <TextField
        label="Expiry date"
        type="date"
        min={minKeyExpiry(now)}
        max={maxKeyExpiry(now)}
        hint="Optional: the expiry you chose in Atlassian (at most one year, Atlassian's maximum). Leave it as is for one year from today."
        {...fieldErrorProps(errors, "apiKeyExpiresAt")}
        {...register("apiKeyExpiresAt")}
      />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" isBusy={rotate.isPending}>
          Rotate API key
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel} disabled={rotate.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
