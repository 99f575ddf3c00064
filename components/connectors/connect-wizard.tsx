"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useForm, type FieldErrors } from "react-hook-form";
import { z } from "zod";
import { ApiError } from "@/lib/client/api-client";
import { applyProblem, formErrorOf, fieldErrorProps } from "@/lib/client/forms";
import { useCreateConnector } from "@/lib/client/hooks/use-connector-mutations";
import { ZCreateConnectorInput } from "@/lib/shared/schemas/connectors";
import { Card } from "../ui/card";
import type { TDemoOrg } from "./connect-help";
import { WizardAppStep } from "./wizard-app-step";
import { WizardCredentialsStep } from "./wizard-credentials-step";
import { WizardNameStep } from "./wizard-name-step";
import { WizardProgress } from "./wizard-progress";
import { ADVANCED_FIELDS, initialWizardValues, maxKeyExpiry, minKeyExpiry, toCreateInput, type TWizardValues } from "./wizard-values";

type Step = 0 | 1 | 2;

const TITLES: Record<Step, string> = { 0: "Which app do you want to connect?", 1: "Name this instance", 2: "Connect the Atlassian organization" };

/** The inputs' strings → the create body, checked by the shared schema (the Next step checks only its name). */
const ZWizardForm = z
  .object({ name: z.string(), orgId: z.string(), apiKey: z.string(), baseUrl: z.string(), apiKeyExpiresAt: z.string(), backfillDays: z.string() })
  .transform(toCreateInput)
  .pipe(ZCreateConnectorInput);

const hasAdvancedError = (fields: Partial<Record<string, unknown>>) => ADVANCED_FIELDS.some((field) => fields[field]);

/** Choose app → instance name → credentials → Connect. Values survive Back, and server errors lead to the step at fault. */
export function ConnectWizard({ demo }: Readonly<{ demo: TDemoOrg }>) {
  const router = useRouter();
  const [now] = useState(() => new Date());
  const [step, setStep] = useState<Step>(0);
  const [isAdvancedOpen, setIsAdvancedOpen] = useState(false);
  const create = useCreateConnector();
  // raw: the input goes to the server as typed (dates stay as the admin chose them); the server parses it with the same schema.
  const form = useForm<TWizardValues>({ resolver: zodResolver(ZWizardForm, undefined, { raw: true }), defaultValues: initialWizardValues(now) });
  const { errors } = form.formState;

  const onNext = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!(await form.trigger("name"))) return;
    form.clearErrors("root");
    setStep(2);
  };

  const onConnect = form.handleSubmit(
    (values) =>
      create.mutate(toCreateInput(values), {
        onSuccess: (connector) => router.push(`/connectors/${connector.id}`),
        onError: (error) => {
          applyProblem(form.setError, error);
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          if (fields.name) setStep(1);
          if (hasAdvancedError(fields)) setIsAdvancedOpen(true);
        },
      }),
    (invalid: FieldErrors<TWizardValues>) => {
      if (hasAdvancedError(invalid)) setIsAdvancedOpen(true);
    },
  );

  const onUseDemo = () => {
    form.clearErrors();
    for (const [field, value] of [["orgId", demo.orgId], ["apiKey", demo.apiKey], ["baseUrl", demo.baseUrl]] as const) form.setValue(field, value);
    // The base URL changes too: show it rather than change a hidden field.
    setIsAdvancedOpen(true);
  };

  return (
    <div className="space-y-6">
      <WizardProgress step={step} />
      <Card title={TITLES[step]} description={step === 2 ? `Instance: ${form.getValues("name")}` : undefined}>
        {step === 0 ? <WizardAppStep onChoose={() => setStep(1)} /> : null}
        {step === 1 ? (
          <WizardNameStep
            field={form.register("name")}
            {...fieldErrorProps(errors, "name")}
            serverDetail={formErrorOf(errors)}
            onBack={() => setStep(0)}
            onNext={(event) => void onNext(event)}
          />
        ) : null}
        {step === 2 ? (
          <WizardCredentialsStep
            register={form.register}
            errors={errors}
            isAdvancedOpen={isAdvancedOpen}
            isConnecting={create.isPending}
            demo={demo}
            expiryRange={{ min: minKeyExpiry(now), max: maxKeyExpiry(now) }}
            onToggleAdvanced={() => setIsAdvancedOpen((open) => !open)}
            onUseDemo={onUseDemo}
            onBack={() => {
              form.clearErrors("root");
              setStep(1);
            }}
            onConnect={(event) => void onConnect(event)}
          />
        ) : null}
      </Card>
    </div>
  );
}
