"use client";

import { useState, type FormEvent } from "react";
import { fieldErrorProps, toServerError, zodFieldErrors, type TFieldErrors, type TServerError } from "@/lib/client/form-errors";
import { useRotateApiKey } from "@/lib/client/hooks/use-connector-mutations";
import { ZRotateKeyInput, type TRotateKeyInput } from "@/lib/shared/schemas/connectors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { maxKeyExpiry, minKeyExpiry } from "./wizard-values";

type Props = Readonly<{ connectorId: string; onDone: (last4: string) => void; onCancel: () => void }>;

/** The new key is verified against Atlassian by the server before it replaces the old one; the cursor is kept. */
export function RotateKeyForm({ connectorId, onDone, onCancel }: Props) {
  const [now] = useState(() => new Date());
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [serverError, setServerError] = useState<TServerError | null>(null);
  const rotate = useRotateApiKey(connectorId);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setServerError(null);
    const form = new FormData(event.currentTarget);
    const input: TRotateKeyInput = { apiKey: String(form.get("apiKey") ?? ""), apiKeyExpiresAt: String(form.get("apiKeyExpiresAt") ?? "") || undefined };
    const parsed = ZRotateKeyInput.safeParse(input);
    setErrors(parsed.success ? {} : zodFieldErrors(parsed.error));
    if (!parsed.success) return;
    rotate.mutate(input, { onSuccess: () => onDone(input.apiKey.trim().slice(-4)), onError: (error) => setServerError(toServerError(error)) });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Rotate API key" className="space-y-4">
      <TextField
        label="API key"
        name="apiKey"
        type="password"
        autoComplete="off"
        spellCheck={false}
        autoFocus
        required
        hint="Create the new key in admin.atlassian.com → Settings → API keys. It is verified before the old one is replaced."
        {...fieldErrorProps("apiKey", errors, serverError)}
      />
      <TextField
        label="Expiry date"
        name="apiKeyExpiresAt"
        type="date"
        defaultValue={maxKeyExpiry(now)}
        min={minKeyExpiry(now)}
        max={maxKeyExpiry(now)}
        hint="Optional: the expiry you chose in Atlassian (at most one year, Atlassian's maximum). Leave it as is for one year from today."
        {...fieldErrorProps("apiKeyExpiresAt", errors, serverError)}
      />
      {serverError ? <Alert tone="error">{serverError.detail}</Alert> : null}
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
