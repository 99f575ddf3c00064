"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyProblem, formErrorOf, hasFieldErrors } from "@/lib/client/forms";
import { useCreateToken } from "@/lib/client/hooks/use-settings-mutations";
import { TOKEN_EXPIRY_DAYS, ZCreateTokenInput, type TCreateTokenInput } from "@/lib/shared/schemas/tokens";

type TTokenExpiryDays = (typeof TOKEN_EXPIRY_DAYS)[number];
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { CopyButton } from "../ui/copy-button";

/** The select gives "30", "90", "365" or "" (never): a number or null before the shared schema checks it. */
const ZCreateTokenForm = z
  .object({ name: z.string(), expiresInDays: z.string() })
  // The cast only names the type: the piped shared schema then checks the number is one of the allowed days.
  .transform((v): TCreateTokenInput => ({ name: v.name, expiresInDays: v.expiresInDays ? (Number(v.expiresInDays) as TTokenExpiryDays) : null }))
  .pipe(ZCreateTokenInput);

export function CreateTokenForm() {
  const mutation = useCreateToken();
  // No defaultValues: the form is server-rendered, and registering reads what was typed before hydration (a default would overwrite it).
  const { register, handleSubmit, reset, setError, formState } = useForm({ resolver: zodResolver(ZCreateTokenForm) });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((input) => mutation.mutate(input, { onSuccess: () => reset(), onError: (error) => applyProblem(setError, error) }));

  return (
    <div className="space-y-4">
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex flex-wrap items-start gap-3" aria-label="Create API token">
        <div className="min-w-64 flex-1">
          <TextField label="Token name" placeholder="e.g. SIEM export" maxLength={80} required error={errors.name?.message} {...register("name")} />
        </div>
        <div className="w-40">
          <SelectField label="Expires" defaultValue="90" error={errors.expiresInDays?.message} {...register("expiresInDays")}>
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
      {formError && !hasFieldErrors(errors) ? <Alert tone="error">{formError}</Alert> : null}
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
