"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/client/api-client";
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
import { channelFieldErrors, channelFormBody, zodChannelErrors, type TChannelFieldErrors } from "./channel-form-body";
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

/** Add or edit a notification channel. Field errors come from the shared zod schema, then from the server. */
export function ChannelForm({ channel, onDone, onCancel }: Props) {
  const isEdit = channel !== undefined;
  const [kind, setKind] = useState<TChannelKind>(channel?.kind ?? "email");
  const [errors, setErrors] = useState<TChannelFieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  // Controlled: the options arrive after the first render, and a default would not select them then.
  const [policyKeys, setPolicyKeys] = useState<string[]>(channel?.policyKeys ?? []);
  const policies = useQuery(policiesQuery());
  const create = useCreateChannel();
  const update = useUpdateChannel(channel?.id ?? "");
  const isBusy = create.isPending || update.isPending;

  const onError = (error: unknown) => {
    setServerError(error instanceof Error ? error.message : "Something went wrong. Try again.");
    if (error instanceof ApiError) setErrors(channelFieldErrors(error.invalidParams.map((p) => ({ path: p.name.split("."), message: p.reason }))));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setServerError(null);
    const body = channelFormBody(new FormData(event.currentTarget), { kind, isEdit });
    const parsed = isEdit ? ZUpdateChannelInput.safeParse(body) : ZCreateChannelInput.safeParse(body);
    if (!parsed.success) return setErrors(zodChannelErrors(parsed.error));
    setErrors({});
    if (isEdit) update.mutate(parsed.data as TUpdateChannelInput, { onSuccess: onDone, onError });
    else create.mutate(parsed.data as TCreateChannelInput, { onSuccess: onDone, onError });
  };
  const fieldProps = (field: string) => ({ error: errors[field] });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={isEdit ? `Edit channel ${channel.name}` : "Add channel"} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" defaultValue={channel?.name} maxLength={120} placeholder="SOC on-call" {...fieldProps("name")} />
        {isEdit ? (
          <TextField label="Kind" name="kindShown" value={CHANNEL_KIND_LABELS[kind]} readOnly hint="The kind of a channel cannot change." />
        ) : (
          <SelectField label="Kind" name="kind" value={kind} onChange={(e) => {
              setKind(e.target.value as TChannelKind);
              setErrors({});
            }} {...fieldProps("kind")}>
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANNEL_KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {kind === "email" ? (
        <EmailSettingsFields channel={channel} fieldProps={fieldProps} />
      ) : (
        <TextField
          label="Webhook URL"
          name="url"
          type="url"
          autoComplete="off"
          placeholder={isEdit && channel.secretHint ? `Current: ${channel.secretHint}` : "https://…"}
          hint={`${URL_HINTS[kind]} Stored encrypted and never shown again${isEdit ? "; leave empty to keep the current URL" : ""}.`}
          {...fieldProps("url")}
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Minimum severity" name="minSeverity" defaultValue={channel?.minSeverity ?? "low"} hint="Alerts below this severity are not sent here." {...fieldProps("minSeverity")}>
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
          onChange={(e) => setPolicyKeys(Array.from(e.target.selectedOptions, (o) => o.value))}
          hint="None selected: every policy. Ctrl/Cmd-click to pick several."
          {...fieldProps("policyKeys")}
        >
          {policyOptions(policies.data ?? [], channel?.policyKeys ?? []).map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
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
