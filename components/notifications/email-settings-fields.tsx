import type { UseFormRegister } from "react-hook-form";
import type { TChannelDto } from "@/lib/shared/schemas/notifications";
import type { TChannelFormValues } from "./channel-form-body";
import { SelectField, TextField } from "../ui/field";
import { SECURITY_LABELS } from "./channel-labels";

type FieldProps = (field: string) => { error: string | undefined; "aria-invalid"?: true };

type Props = Readonly<{ channel?: TChannelDto; register: UseFormRegister<TChannelFormValues>; fieldProps: FieldProps }>;

/** SMTP settings of an email channel; the password is write-only (empty on edit = keep it). */
export function EmailSettingsFields({ channel, register, fieldProps }: Props) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField label="SMTP host" placeholder="smtp.example.com" autoComplete="off" {...fieldProps("settings.host")} {...register("host")} />
      <TextField label="SMTP port" inputMode="numeric" {...fieldProps("settings.port")} {...register("port")} />
      <SelectField label="Security" {...fieldProps("settings.security")} {...register("security")}>
        {Object.entries(SECURITY_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField label="Username" autoComplete="off" hint="Leave empty when the server needs no sign-in." {...fieldProps("settings.username")} {...register("username")} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={channel?.hasSecret ? "Stored encrypted. Leave empty to keep the current password." : "Stored encrypted; never shown again."}
        {...fieldProps("password")}
        {...register("password")}
      />
      <TextField label="From" type="email" placeholder="watchpost@example.com" {...fieldProps("settings.from")} {...register("from")} />
      <div className="sm:col-span-2">
        <TextField
          label="Recipients"
          placeholder="soc@example.com, oncall@example.com"
          hint="Comma-separated. Alerts go to these addresses; notices to users go to the user."
          {...fieldProps("settings.to")}
          {...register("to")}
        />
      </div>
    </div>
  );
}
