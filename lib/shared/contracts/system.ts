import { z } from "zod";
import { ZHealth } from "../schemas/health";
import { ZChangePasswordInput, ZMe, ZSetupInput, ZUserDto } from "../schemas/users";
import { defineRoute } from "./define-route";

const TAG = "System";

export const systemContracts = {
  openApi: defineRoute({
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "This OpenAPI 3.1 document (generated from the handlers' zod schemas)",
    tag: TAG,
    auth: "public",
    response: z.record(z.string(), z.unknown()),
  }),
  health: defineRoute({
    method: "GET",
    path: "/api/v1/health",
    summary: "Database, migrations, worker heartbeat and processing lag (degraded when a lag is over 60 s; 503 when down)",
    tag: TAG,
    auth: "public",
    response: ZHealth,
  }),
  me: defineRoute({
    method: "GET",
    path: "/api/v1/me",
    summary: "The caller (session or API token) and its role",
    tag: TAG,
    auth: "viewer",
    allowsPendingPasswordChange: true,
    response: ZMe,
  }),
  changePassword: defineRoute({
    method: "POST",
    path: "/api/v1/me/password",
    summary:
      "Change one's own password (signed-in session only; 403 with an API token). Ends the user's other sessions; this one goes on with a new cookie. API tokens are kept. A wrong current password counts as a failed sign-in (429 past the throttle)",
    tag: TAG,
    auth: "viewer",
    allowsPendingPasswordChange: true,
    body: ZChangePasswordInput,
    response: ZUserDto,
  }),
};

/**
 * First-run setup: outside the versioned API (the /setup page posts here until a user exists, then it is a 404),
 * so it is not in the OpenAPI document.
 */
export const setupContracts = {
  createFirstAdmin: defineRoute({
    method: "POST",
    path: "/api/setup",
    summary: "Create the first admin while no user exists (404 afterwards)",
    tag: TAG,
    auth: "public",
    body: ZSetupInput,
    response: ZUserDto,
    status: 201,
  }),
};
