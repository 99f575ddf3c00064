"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toServerError, zodFieldErrors, type TFieldErrors, type TServerError } from "@/lib/client/form-errors";
import { useCreateConnector } from "@/lib/client/hooks/use-connector-mutations";
import { ZConnectorName, ZCreateConnectorInput } from "@/lib/shared/schemas/connectors";
import { Card } from "../ui/card";
import type { TDemoOrg } from "./connect-help";
import { WizardAppStep } from "./wizard-app-step";
import { WizardCredentialsStep } from "./wizard-credentials-step";
import { WizardNameStep } from "./wizard-name-step";
import { WizardProgress } from "./wizard-progress";
import { ADVANCED_FIELDS, initialWizardValues, maxKeyExpiry, minKeyExpiry, toCreateInput, type TWizardValues } from "./wizard-values";

type Step = 0 | 1 | 2;

const TITLES: Record<Step, string> = { 0: "Which app do you want to connect?", 1: "Name this instance", 2: "Connect the Atlassian organization" };

const hasAdvancedError = (errors: TFieldErrors) => ADVANCED_FIELDS.some((field) => errors[field]);

/** Choose app → instance name → credentials → Connect. Values survive Back, and server errors lead to the step at fault. */
export function ConnectWizard({ demo }: Readonly<{ demo: TDemoOrg }>) {
  const router = useRouter();
  const [now] = useState(() => new Date());
  const [step, setStep] = useState<Step>(0);
  const [values, setValues] = useState<TWizardValues>(() => initialWizardValues(now));
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [serverError, setServerError] = useState<TServerError | null>(null);
  const [isAdvancedOpen, setIsAdvancedOpen] = useState(false);
  const create = useCreateConnector();

  const onChange = (patch: Partial<TWizardValues>) => setValues((current) => ({ ...current, ...patch }));

  const onNext = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = ZConnectorName.safeParse(values.name);
    setErrors(parsed.success ? {} : { name: parsed.error.issues[0]?.message ?? "Instance name is invalid" });
    if (!parsed.success) return;
    setServerError(null);
    setStep(2);
  };

  const onConnect = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setServerError(null);
    const input = toCreateInput(values);
    const parsed = ZCreateConnectorInput.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = zodFieldErrors(parsed.error);
      setErrors(fieldErrors);
      if (hasAdvancedError(fieldErrors)) setIsAdvancedOpen(true);
      return;
    }
    setErrors({});
    // The raw input goes to the server, which parses it with the same schema (dates stay as the admin typed them).
    create.mutate(input, {
      onSuccess: (connector) => router.push(`/connectors/${connector.id}`),
      onError: (error) => {
        const server = toServerError(error);
        setServerError(server);
        if (server.fields.name) setStep(1);
        if (hasAdvancedError(server.fields)) setIsAdvancedOpen(true);
      },
    });
  };

  const onUseDemo = () => {
    onChange({ orgId: demo.orgId, apiKey: demo.apiKey, baseUrl: demo.baseUrl });
    setErrors({});
    setServerError(null);
    // The base URL changes too: show it rather than change a hidden field.
    setIsAdvancedOpen(true);
  };

  return (
    <div className="space-y-6">
      <WizardProgress step={step} />
      <Card title={TITLES[step]} description={step === 2 ? `Instance: ${values.name}` : undefined}>
        {step === 0 ? <WizardAppStep onChoose={() => setStep(1)} /> : null}
        {step === 1 ? (
          <WizardNameStep
            name={values.name}
            error={errors.name ?? (serverError?.fields.name ? serverError.fields.name : undefined)}
            serverDetail={serverError?.detail}
            onChange={(name) => onChange({ name })}
            onBack={() => setStep(0)}
            onNext={onNext}
          />
        ) : null}
        {step === 2 ? (
          <WizardCredentialsStep
            values={values}
            errors={errors}
            serverError={serverError}
            isAdvancedOpen={isAdvancedOpen}
            isConnecting={create.isPending}
            demo={demo}
            expiryRange={{ min: minKeyExpiry(now), max: maxKeyExpiry(now) }}
            onChange={onChange}
            onToggleAdvanced={() => setIsAdvancedOpen((open) => !open)}
            onUseDemo={onUseDemo}
            onBack={() => {
              setServerError(null);
              setStep(1);
            }}
            onConnect={onConnect}
          />
        ) : null}
      </Card>
    </div>
  );
}
