import { z } from "zod";
import { ZCreatedTokenDto, ZCreateTokenInput, ZTokenDto } from "../../schemas/tokens";
import type { TEndpointSpec } from "../endpoint";

export const tokensEndpoints: readonly TEndpointSpec[] = [
  { method: "get", path: "/api/v1/tokens", summary: "The caller's API tokens (admins: everyone's)", tag: "API tokens", auth: "viewer", response: z.object({ data: z.array(ZTokenDto) }) },
  {
    method: "post",
    path: "/api/v1/tokens",
    summary: "Create an API token with the caller's role (the token is shown once); expiresInDays 30, 90 or 365, or null (default) for none",
    tag: "API tokens",
    auth: "viewer",
    body: ZCreateTokenInput,
    response: ZCreatedTokenDto,
    status: 201,
  },
  { method: "delete", path: "/api/v1/tokens/{id}", summary: "Revoke a token (its owner, or an admin)", tag: "API tokens", auth: "viewer", response: ZTokenDto },
];
