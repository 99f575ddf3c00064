import { z } from "zod";
import { ZRole } from "../../schemas/users";
import type { TEndpointSpec } from "../endpoint";

const ZMe = z.object({ id: z.string(), email: z.string(), name: z.string(), role: ZRole, authenticatedBy: z.enum(["session", "token"]) });

export const meEndpoints: readonly TEndpointSpec[] = [
  { method: "get", path: "/api/v1/me", summary: "The caller (session or API token) and its role", tag: "System", auth: "viewer", response: ZMe },
];
