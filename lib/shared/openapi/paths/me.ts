import { z } from "zod";
import { ZChangePasswordInput, ZRole, ZUserDto } from "../../schemas/users";
import type { TEndpointSpec } from "../endpoint";

const ZMe = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  authenticatedBy: z.enum(["session", "token"]),
  /** An admin set a temporary password: every other route answers 403 password_change_required until it is changed. */
  mustChangePassword: z.boolean(),
});

export const meEndpoints: readonly TEndpointSpec[] = [
  { method: "get", path: "/api/v1/me", summary: "The caller (session or API token) and its role", tag: "System", auth: "viewer", response: ZMe },
  {
    method: "post",
    path: "/api/v1/me/password",
    summary:
      "Change one's own password (signed-in session only; 403 with an API token). Ends the user's other sessions; this one goes on with a new cookie. API tokens are kept. A wrong current password counts as a failed sign-in (429 past the throttle)",
    tag: "System",
    auth: "viewer",
    body: ZChangePasswordInput,
    response: ZUserDto,
  },
];
