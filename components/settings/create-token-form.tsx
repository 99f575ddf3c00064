"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/lib/client/api-client";
import { fieldErrorsOf } from "@/lib/client/form-errors";
import { tokenKeys } from "@/lib/client/queries/settings";
import { TOKEN_EXPIRY_DAYS, ZCreateTokenInput, type TCreatedTokenDto, type TCreateTokenInput } from "@/lib/shared/schemas/tokens";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { CopyButton } from "../ui/copy-button";

export function CreateTokenForm() {
  const queryClient = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const mutation = useMutation({
    mutationFn: (input: TCreateTokenInput) => apiFetch<TCreatedTokenDto>("/api/v1/tokens", { method: "POST", json: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
    onError: (error) => error instanceof ApiError && setFieldErrors(error.fieldErrors()),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const expires = form.get("expiresInDays");
    const parsed = ZCreateTokenInput.safeParse({ name: form.get("name"), expiresInDays: expires ? Number(expires) : null });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-start gap-3" aria-label="Create API token">
        <div className="min-w-64 flex-1">
          <TextField label="Token name" name="name" placeholder="e.g. SIEM export" maxLength={80} required error={fieldErrors.name} />
        </div>
        <div className="w-40">
          <SelectField label="Expires" name="expiresInDays" defaultValue="90" error={fieldErrors.expiresInDays}>
            {TOKEN_EXPIRY_DAYS.map((days) => (
              <option key={days} value={days}>
                in {days} days
              </option>
            ))}
            <option value="">never</option>
          </SelectField>
        </div>
        <Button type="submit" className="mt-6" isBusy={mutation.isPending}>
          Create token
        </Button>
      </form>
      {mutation.isError && !Object.values(fieldErrors).some(Boolean) ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      {mutation.data ? (
        <Alert tone="success">
          <p className="font-medium">Token “{mutation.data.name}” created. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="new-token" className="break-all rounded bg-white/70 px-2 py-1 font-mono text-xs dark:bg-black/30">
              {mutation.data.token}
            </code>
            <CopyButton value={mutation.data.token} label="Copy token" />
          </div>
        </Alert>
      ) : null}
    </div>
  );
}
