import type { ComponentProps } from "react";
import { PASSWORD_MIN } from "@/lib/shared/schemas/users";
import { TextField } from "../ui/field";

/** A new password's input (setup, a new user, a change): the browser may suggest one, and the hint states the minimum length. */
export function NewPasswordField({ hint, ...rest }: Readonly<ComponentProps<typeof TextField>>) {
  return <TextField type="password" autoComplete="new-password" required hint={hint ?? `At least ${PASSWORD_MIN} characters`} {...rest} />;
}
