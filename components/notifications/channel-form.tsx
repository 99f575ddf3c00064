"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { get, useForm, useWatch, type Resolver } from "react-hook-form";
import { z } from "zod";
import { applyProblem, formErrorOf, messageOf } from "@/lib/client/forms";
import { useCreateChannel, useUpdateChannel } from "@/lib/client/hooks/use-notification-mutations";
import { policiesQuery } from "@/lib/client/queries/policies";
import {
  CHANNEL_KIND_LABELS,
  CHANNEL_KINDS,
  ZCreateChannelInput,
  ZUpdateChannelInput,
  type TChannelDto,
  type TChannelKind,
  type TCreateChannelInput,
  type TUpdateChannelInput,
} from "@/lib/shared/schemas/notifications";
import { SEVERITIES, type TPolicyDto } from "@/lib/shared/schemas/policies";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { channelErrorKey, channelFormBody, type TChannelFormValues } from "./channel-form-body";
import { SEVERITY_LABELS } from "./channel-labels";
import { EmailSettingsFields } from "./email-settings-fields";

/** Every policy, plus keys the channel still routes that no longer exist (a deleted custom policy). */
const policyOptions = (policies: readonly TPolicyDto[], routed: readonly string[]) => [
  ...policies.map((p) => ({ key: p.key, name: p.name })),
  ...routed.filter((key) => !policies.some((p) => p.key === key)).map((key) => ({ key, name: `${key} (deleted)` })),
];

type Props = Readonly<{ channel?: TChannelDto; onDone: (channel: TChannelDto) => void; onCancel: () => void }>;

const URL_HINTS: Record<Exclude<TChannelKind, "email">, string> = {
  webhook: "We POST JSON to it (see docs/notifications.md). https, or http to localhost only.",
  slack: "A Slack incoming-webhook URL (https://hooks.slack.com/services/…).",
  teams: "A Teams incoming-webhook (Workflows) URL; messages are Adaptive Cards.",
};

/** What "Message per: Incident" does on each kind (chat webhooks cannot edit a message they posted). */
const MESSAGE_PER_HINTS: Record<TChannelKind, string> = {
  email: "Incident: later alerts of an incident are replies in its thread.",
  webhook: 'Incident: later alerts of an incident carry its incidentId and "update": true.',
  slack: "Incident: later alerts of an incident post one short message each, naming the incident.",
  teams: "Incident: later alerts of an incident post one short message each, naming the incident.",
};

const ZChannelFormValues = z.object({
  name: z.string(),
  kind: z.string(),
  url: z.string(),
  minSeverity: z.string(),
  policyKeys: z.array(z.string()),
  messagePer: z.string(),
  host: z.string(),
  port: z.string(),
  security: z.string(),
  username: z.string(),
  password: z.string(),
  from: z.string(),
  to: z.string(),
});
const bodyOf = (isEdit: boolean) => (values: TChannelFormValues): unknown => channelFormBody(values, { kind: values.kind as TChannelKind, isEdit });
type TChannelInput = TCreateChannelInput | TUpdateChannelInput;
// Create and edit check different shared schemas; the form's output is whichever body the mode sends.
const RESOLVERS: Record<"create" | "edit", Resolver<TChannelFormValues, unknown, TChannelInput>> = {
  create: zodResolver(ZChannelFormValues.transform(bodyOf(false)).pipe(ZCreateChannelInput)),
  edit: zodResolver(ZChannelFormValues.transform(bodyOf(true)).pipe(ZUpdateChannelInput)),
};

type TEmailSettings = Partial<{ host: string; port: number; security: string; username: string; from: string; to: string[] }>;

const valuesOf = (channel: TChannelDto | undefined): TChannelFormValues => {
  const settings = (channel?.settings ?? {}) as TEmailSettings;
  return {
    name: channel?.name ?? "",
    kind: channel?.kind ?? "email",
    url: "",
    minSeverity: channel?.minSeverity ?? "low",
    policyKeys: [...(channel?.policyKeys ?? [])],
    messagePer: channel?.messagePer ?? "alert",
    host: settings.host ?? "",
    port: String(settings.port ?? 587),
    security: settings.security ?? "starttls",
    username: settings.username ?? "",
    password: "",
    from: settings.from ?? "",
    to: settings.to?.join(", ") ?? "",
  };
};

/** Add or edit a notification channel. Field errors come from the shared zod schema, then from the server. */
export function ChannelForm({ channel, onDone, onCancel }: Props) {
  const isEdit = channel !== undefined;
  const { register, handleSubmit, setError, clearErrors, setValue, control, formState } = useForm({ resolver: RESOLVERS[isEdit ? "edit" : "create"], defaultValues: valuesOf(channel) });
  const { errors } = formState;
  const kind = useWatch({ control, name: "kind" }) as TChannelKind;
  // Controlled: the options arrive after the first render, and a default would not select them then.
  const policyKeys = useWatch({ control, name: "policyKeys" });
  const policies = useQuery(policiesQuery());
  const create = useCreateChannel();
  const update = useUpdateChannel(channel?.id ?? "");
  const isBusy = create.isPending || update.isPending;

  const onError = (error: unknown) => applyProblem(setError, error, { fieldOf: channelErrorKey });
  const onSubmit = handleSubmit((input) => {
    if (isEdit) update.mutate(input as TUpdateChannelInput, { onSuccess: onDone, onError });
    else create.mutate(input as TCreateChannelInput, { onSuccess: onDone, onError });
  });
  // Errors are keyed by the body's paths ("settings.host"), the same names the server uses.
  const fieldProps = (field: string) => ({ error: messageOf(get(errors, field)) });
  const serverError = formErrorOf(errors);

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={isEdit ? `Edit channel ${channel.name}` : "Add channel"} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" maxLength={120} placeholder="SOC on-call" {...fieldProps("name")} {...register("name")} />
        {isEdit ? (
          <TextField label="Kind" name="kindShown" value={CHANNEL_KIND_LABELS[kind]} readOnly hint="The kind of a channel cannot change." />
        ) : (
          <SelectField label="Kind" {...fieldProps("kind")} {...register("kind", { onChange: () => clearErrors() })}>
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANNEL_KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {kind === "email" ? (
        <EmailSettingsFields channel={channel} register={register} fieldProps={fieldProps} />
      ) : (
        <TextField
          label="Webhook URL"
          type="url"
          autoComplete="off"
          placeholder={isEdit && channel.secretHint ? `Current: ${channel.secretHint}` : "https://…"}
          hint={`${URL_HINTS[kind]} Stored encrypted and never shown again${isEdit ? "; leave empty to keep the current URL" : ""}.`}
          {...fieldProps("url")}
          {...register("url")}
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Minimum severity" hint="Alerts below this severity are not sent here." {...fieldProps("minSeverity")} {...register("minSeverity")}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABELS[s]}
              {s === "high" ? " only" : " and above"}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Policies"
          name="policyKeys"
          multiple
          size={Math.min(7, Math.max(3, policies.data?.length ?? 3))}
          value={policyKeys}
          onChange={(e) => setValue("policyKeys", Array.from(e.target.selectedOptions, (o) => o.value))}
          hint="None selected: every policy. Ctrl/Cmd-click to pick several."
          {...fieldProps("policyKeys")}
        >
          {policyOptions(policies.data ?? [], channel?.policyKeys ?? []).map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Message per" hint={MESSAGE_PER_HINTS[kind]} {...fieldProps("messagePer")} {...register("messagePer")}>
          <option value="alert">Alert</option>
          <option value="incident">Incident</option>
        </SelectField>
      </div>
      {serverError ? <Alert tone="error">{serverError}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" isBusy={isBusy}>
          {isEdit ? "Save channel" : "Add channel"}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
