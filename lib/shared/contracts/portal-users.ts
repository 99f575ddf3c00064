import { z } from "zod";
import { ZCreateUserInput, ZTemporaryPasswordInput, ZUpdateUserInput, ZUserDto, ZUserIdParams } from "../schemas/users";
import { defineRoute } from "./define-route";

const TAG = "Portal users";

// People who sign in to Watchpost (Settings → Users); not the Atlassian users of /api/v1/users.
export const portalUserContracts = {
  list: defineRoute({ method: "GET", path: "/api/v1/portal-users", summary: "List portal users", tag: TAG, auth: "admin", response: z.object({ data: z.array(ZUserDto) }) }),
  create: defineRoute({
    method: "POST",
    path: "/api/v1/portal-users",
    summary: "Create a portal user with a role; 409 when the email is taken",
    tag: TAG,
    auth: "admin",
    body: ZCreateUserInput,
    response: ZUserDto,
    status: 201,
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/portal-users/{id}",
    summary: "Change a portal user's role, name or disabled flag (the last active admin stays admin)",
    tag: TAG,
    auth: "admin",
    params: ZUserIdParams,
    body: ZUpdateUserInput,
    response: ZUserDto,
  }),
  signOut: defineRoute({
    method: "POST",
    path: "/api/v1/portal-users/{id}/sign-out",
    summary: "Sign a user out everywhere: every browser session of the user ends at its next request (API tokens are kept)",
    tag: TAG,
    auth: "admin",
    params: ZUserIdParams,
    response: ZUserDto,
  }),
  setTemporaryPassword: defineRoute({
    method: "POST",
    path: "/api/v1/portal-users/{id}/password",
    summary:
      "Set a temporary password that the user must change at next sign-in; ends every session of the user and revokes the user's API tokens (not for one's own account: 409)",
    tag: TAG,
    auth: "admin",
    params: ZUserIdParams,
    body: ZTemporaryPasswordInput,
    response: ZUserDto,
  }),
};
