import type { TChannelDto } from "@/lib/shared/schemas/notifications";
import { SelectField, TextField } from "../ui/field";
import { SECURITY_LABELS } from "./channel-labels";

type FieldProps = (field: string) => { error: string | undefined; "aria-invalid"?: true };

type Settings = Partial<{ host: string; port: number; security: string; username: string; from: string; to: string[] }>;

/** SMTP settings of an email channel; the password is write-only (empty on edit = keep it). */
export function EmailSettingsFields({ channel, fieldProps }: Readonly<{ channel?: TChannelDto; fieldProps: FieldProps }>) {
  const settings = (channel?.settings ?? {}) as Settings;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField label="SMTP host" name="host" defaultValue={settings.host} placeholder="smtp.example.com" autoComplete="off" {...fieldProps("settings.host")} />
      <TextField label="SMTP port" name="port" inputMode="numeric" defaultValue={settings.port ?? 587} {...fieldProps("settings.port")} />
      <SelectField label="Security" name="security" defaultValue={settings.security ?? "starttls"} {...fieldProps("settings.security")}>
        {Object.entries(SECURITY_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField label="Username" name="username" defaultValue={settings.username} autoComplete="off" hint="Leave empty when the server needs no sign-in." {...fieldProps("settings.username")} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={channel?.hasSecret ? "Stored encrypted. Leave empty to keep the current password." : "Stored encrypted; never shown again."}
        {...fieldProps("password")}
      />
      <TextField label="From" name="from" type="email" defaultValue={settings.from} placeholder="watchpost@example.com" {...fieldProps("settings.from")} />
      <div className="sm:col-span-2">
        <TextField
          label="Recipients"
          name="to"
          defaultValue={settings.to?.join(", ")}
          placeholder="soc@example.com, oncall@example.com"
          hint="Comma-separated. Alerts go to these addresses; notices to users go to the user."
          {...fieldProps("settings.to")}
        />
      </div>
    </div>
  );
}
