import { fieldErrorProps, type TFieldErrors, type TServerError } from "@/lib/client/form-errors";
import { KEY_ROTATION_DAYS } from "@/lib/shared/connector-insights";
import { SelectField, TextField } from "../ui/field";
import { BACKFILL_OPTIONS, type TWizardValues } from "./wizard-values";

type Props = Readonly<{
  values: TWizardValues;
  errors: TFieldErrors;
  serverError: TServerError | null;
  minExpiry: string;
  maxExpiry: string;
  onChange: (patch: Partial<TWizardValues>) => void;
}>;

/** Base URL, key expiry and backfill: sensible defaults, so most admins never open this. */
export function WizardAdvancedFields({ values, errors, serverError, minExpiry, maxExpiry, onChange }: Props) {
  return (
    <div className="space-y-4 rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <TextField
        label="API base URL"
        name="baseUrl"
        type="url"
        inputMode="url"
        value={values.baseUrl}
        onChange={(e) => onChange({ baseUrl: e.target.value })}
        autoComplete="off"
        spellCheck={false}
        hint="https://api.atlassian.com for Atlassian Cloud. Plain http is accepted only to a loopback address, such as the simulator."
        {...fieldErrorProps("baseUrl", errors, serverError)}
      />
      <TextField
        label="API key expiry"
        name="apiKeyExpiresAt"
        type="date"
        value={values.apiKeyExpiresAt}
        min={minExpiry}
        max={maxExpiry}
        onChange={(e) => onChange({ apiKeyExpiresAt: e.target.value })}
        hint={`At most one year from today: that is Atlassian's maximum lifetime for admin API keys. Watchpost reminds you 30, 7 and 1 days before it expires; rotating the key every ${Math.round(KEY_ROTATION_DAYS / 30)} months is recommended.`}
        {...fieldErrorProps("apiKeyExpiresAt", errors, serverError)}
      />
      <SelectField
        label="History to backfill"
        name="backfillDays"
        value={values.backfillDays}
        onChange={(e) => onChange({ backfillDays: e.target.value })}
        hint="Past activity to import on the first sync. Longer backfills take longer and share the key's rate limit with live syncing."
        {...fieldErrorProps("backfillDays", errors, serverError)}
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
