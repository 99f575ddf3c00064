import { z } from "zod";
import { ROLES } from "../roles";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email({ error: "Enter a valid email address" }));

export const PASSWORD_MIN = 12;
export const ZPassword = z
  .string()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(256, "Password must be at most 256 characters");

export const ZName = z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");
export const ZRole = z.enum(ROLES, { error: "Role must be admin, analyst or viewer" });

/** First-run setup and admin-created users share this shape. */
export const ZCreateUserInput = z.object({ email: ZEmail, name: ZName, password: ZPassword, role: ZRole });
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

/**
 * The setup code is checked by the service, after "is setup still open?": a closed setup is a 404 whatever the
 * body, and a missing or wrong code is a field error on `setupCode`.
 */
export const ZSetupInput = ZCreateUserInput.omit({ role: true }).extend({ setupCode: z.string().trim().max(64, "Wrong setup code").optional() });
export type TSetupInput = z.infer<typeof ZSetupInput>;

export const ZUpdateUserInput = z
  .object({ role: ZRole.optional(), disabled: z.boolean().optional(), name: ZName.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });
export type TUpdateUserInput = z.infer<typeof ZUpdateUserInput>;

/** A user changes their own password: the current one proves it is them (a stolen session alone cannot). */
export const ZChangePasswordInput = z
  .object({ currentPassword: z.string().min(1, "Enter your current password").max(256, "Password must be at most 256 characters"), newPassword: ZPassword })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "Choose a password different from the current one", path: ["newPassword"] });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

/** An admin sets a temporary password, which the user must change at next sign-in. */
export const ZTemporaryPasswordInput = z.object({ temporaryPassword: ZPassword });
export type TTemporaryPasswordInput = z.infer<typeof ZTemporaryPasswordInput>;

export const ZUserIdParams = z.object({ id: z.uuid({ error: "Unknown user id" }) });

export const ZUserDto = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  /** An admin set a temporary password that the user has not changed yet. */
  mustChangePassword: z.boolean(),
});
export type TUserDto = z.infer<typeof ZUserDto>;

/** GET /api/v1/me: the caller, however it authenticated. */
export const ZMe = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  authenticatedBy: z.enum(["session", "token"]),
  /** An admin set a temporary password: every other route answers 403 password_change_required until it is changed. */
  mustChangePassword: z.boolean(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZLoginInput = z.object({ email: ZEmail, password: z.string().min(1, "Enter your password").max(256) });
export type TLoginInput = z.infer<typeof ZLoginInput>;
