import { useId, type FormEvent } from "react";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { ConnectHelp, type TDemoOrg } from "./connect-help";
import { WizardAdvancedFields } from "./wizard-advanced-fields";
import type { TWizardValues } from "./wizard-values";

type Props = Readonly<{
  register: UseFormRegister<TWizardValues>;
  errors: FieldErrors<TWizardValues>;
  isAdvancedOpen: boolean;
  isConnecting: boolean;
  demo: TDemoOrg;
  expiryRange: Readonly<{ min: string; max: string }>;
  onToggleAdvanced: () => void;
  onUseDemo: () => void;
  onBack: () => void;
  onConnect: (event: FormEvent<HTMLFormElement>) => void;
}>;

/** Step 2: Organization ID and API key (verified by the server on Connect), with help and the demo's values. */
export function WizardCredentialsStep(props: Props) {
  const { register, errors, isAdvancedOpen, isConnecting } = props;
  const formError = formErrorOf(errors);
  const advancedId = useId();
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <form onSubmit={props.onConnect} noValidate aria-label="Connection details" className="min-w-0 space-y-4">
        <TextField
          label="Organization ID"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          required
          {...fieldErrorProps(errors, "orgId")}
          {...register("orgId")}
        />
        <TextField
          label="API key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          hint="An organization admin API key. Only its last 4 characters are ever shown again."
          {...fieldErrorProps(errors, "apiKey")}
          {...register("apiKey")}
        />
        <div>
          <button
            type="button"
            aria-expanded={isAdvancedOpen}
            aria-controls={advancedId}
            onClick={props.onToggleAdvanced}
            className="inline-flex items-center gap-1 rounded-md py-1 text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
          >
            <svg viewBox="0 0 20 20" className={`size-4 transition-transform ${isAdvancedOpen ? "rotate-90" : ""}`} aria-hidden fill="currentColor">
              <path d="M7 5l6 5-6 5V5Z" />
            </svg>
            Advanced
          </button>
          {/* Rendered only while open, so "API key expiry" does not compete with "API key" for a label match. */}
          <div id={advancedId} className="mt-2" hidden={!isAdvancedOpen}>
            {isAdvancedOpen ? (
              <WizardAdvancedFields register={register} errors={errors} minExpiry={props.expiryRange.min} maxExpiry={props.expiryRange.max} />
            ) : null}
          </div>
        </div>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {isConnecting ? (
          <p role="status" className="text-sm text-slate-500 dark:text-slate-400">
            Checking the key with the Atlassian API…
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button type="button" variant="secondary" onClick={props.onBack} disabled={isConnecting}>
            Back
          </Button>
          <Button type="submit" isBusy={isConnecting}>
            Connect
          </Button>
        </div>
      </form>
      <ConnectHelp demo={props.demo} onUseDemo={props.onUseDemo} />
    </div>
  );
}
