import type { FormEvent } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

type Props = Readonly<{
  field: UseFormRegisterReturn<"name">;
  error?: string;
  serverDetail?: string;
  onBack: () => void;
  onNext: (event: FormEvent<HTMLFormElement>) => void;
}>;

/** Step 1: a descriptive, unique instance name (several orgs can be connected). */
export function WizardNameStep({ field, error, serverDetail, onBack, onNext }: Props) {
  return (
    <form onSubmit={onNext} noValidate aria-label="Instance" className="max-w-lg space-y-4">
      {serverDetail ? <Alert tone="error">{serverDetail}</Alert> : null}
      <TextField
        label="Instance name"
        maxLength={80}
        autoComplete="off"
        autoFocus
        required
        hint="How this organization appears in Watchpost, e.g. “Acme production”. Must be unique."
        error={error}
        {...field}
      />
      <div className="flex gap-2">
        <Button type="button" variant="secondary" onClick={onBack}>
          Back
        </Button>
        <Button type="submit">Next</Button>
      </div>
    </form>
  );
}
