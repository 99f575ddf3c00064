import { z } from "zod";
import { ZCreatedTokenDto, ZCreateTokenInput, ZTokenDto, ZTokenIdParams } from "../schemas/tokens";
import { defineRoute } from "./define-route";

const TAG = "API tokens";

export const tokenContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/tokens",
    summary: "The caller's API tokens (admins: everyone's)",
    tag: TAG,
    auth: "viewer",
    response: z.object({ data: z.array(ZTokenDto) }),
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/v1/tokens",
    summary: "Create an API token with the caller's role (the token is shown once); expiresInDays 30, 90 or 365, or null (default) for none",
    tag: TAG,
    auth: "viewer",
    body: ZCreateTokenInput,
    response: ZCreatedTokenDto,
    status: 201,
  }),
  revoke: defineRoute({
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    summary: "Revoke a token (its owner, or an admin)",
    tag: TAG,
    auth: "viewer",
    params: ZTokenIdParams,
    response: ZTokenDto,
  }),
};
