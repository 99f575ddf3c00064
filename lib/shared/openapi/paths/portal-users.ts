import { z } from "zod";
import { ZCreateUserInput, ZTemporaryPasswordInput, ZUpdateUserInput, ZUserDto } from "../../schemas/users";
import type { TEndpointSpec } from "../endpoint";

// People who sign in to Watchpost (Settings → Users); not the Atlassian users of /api/v1/users.
export const portalUsersEndpoints: readonly TEndpointSpec[] = [
  {
    method: "get",
    path: "/api/v1/portal-users",
    summary: "List portal users",
    tag: "Portal users",
    auth: "admin",
    response: z.object({ data: z.array(ZUserDto) }),
  },
  {
    method: "post",
    path: "/api/v1/portal-users",
    summary: "Create a portal user with a role",
    tag: "Portal users",
    auth: "admin",
    body: ZCreateUserInput,
    response: ZUserDto,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/v1/portal-users/{id}",
    summary: "Change a portal user's role, name or disabled flag (the last active admin stays admin)",
    tag: "Portal users",
    auth: "admin",
    body: ZUpdateUserInput,
    response: ZUserDto,
  },
  {
    method: "post",
    path: "/api/v1/portal-users/{id}/sign-out",
    summary: "Sign a user out everywhere: every browser session of the user ends at its next request (API tokens are kept)",
    tag: "Portal users",
    auth: "admin",
    response: ZUserDto,
  },
  {
    method: "post",
    path: "/api/v1/portal-users/{id}/password",
    summary:
      "Set a temporary password that the user must change at next sign-in; ends every session of the user and revokes the user's API tokens (not for one's own account: 409)",
    tag: "Portal users",
    auth: "admin",
    body: ZTemporaryPasswordInput,
    response: ZUserDto,
  },
];
