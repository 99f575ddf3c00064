import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { fieldErrorProps } from "@/lib/client/forms";
import { KEY_ROTATION_DAYS } from "@/lib/shared/connector-insights";
import { SelectField, TextField } from "../ui/field";
import { BACKFILL_OPTIONS, type TWizardValues } from "./wizard-values";

type Props = Readonly<{
  register: UseFormRegister<TWizardValues>;
  errors: FieldErrors<TWizardValues>;
  minExpiry: string;
  maxExpiry: string;
}>;

/** Base URL, key expiry and backfill: sensible defaults, so most admins never open this. */
export function WizardAdvancedFields({ register, errors, minExpiry, maxExpiry }: Props) {
  return (
    <div className="space-y-4 rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <TextField
        label="API base URL"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        hint="https://api.atlassian.com for Atlassian Cloud. Plain http is accepted only to a loopback address, such as the simulator."
        {...fieldErrorProps(errors, "baseUrl")}
        {...register("baseUrl")}
      />
      <TextField
        label="API key expiry"
        type="date"
        min={minExpiry}
        max={maxExpiry}
        hint={`At most one year from today: that is Atlassian's maximum lifetime for admin API keys. Watchpost reminds you 30, 7 and 1 days before it expires; rotating the key every ${Math.round(KEY_ROTATION_DAYS / 30)} months is recommended.`}
        {...fieldErrorProps(errors, "apiKeyExpiresAt")}
        {...register("apiKeyExpiresAt")}
      />
      <SelectField
        label="History to backfill"
        hint="Past activity to import on the first sync. Longer backfills take longer and share the key's rate limit with live syncing."
        {...fieldErrorProps(errors, "backfillDays")}
        {...register("backfillDays")}
      >
        {BACKFILL_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
