import type { FormEvent } from "react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

type Props = Readonly<{
  name: string;
  error?: string;
  serverDetail?: string;
  onChange: (name: string) => void;
  onBack: () => void;
  onNext: (event: FormEvent<HTMLFormElement>) => void;
}>;

/** Step 1: a descriptive, unique instance name (several orgs can be connected). */
export function WizardNameStep({ name, error, serverDetail, onChange, onBack, onNext }: Props) {
  return (
    <form onSubmit={onNext} noValidate aria-label="Instance" className="max-w-lg space-y-4">
      {serverDetail ? <Alert tone="error">{serverDetail}</Alert> : null}
      <TextField
        label="Instance name"
        name="name"
        value={name}
        onChange={(e) => onChange(e.target.value)}
        maxLength={80}
        autoComplete="off"
        autoFocus
        required
        hint="How this organization appears in Watchpost, e.g. “Acme production”. Must be unique."
        error={error}
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
