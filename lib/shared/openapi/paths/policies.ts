import { z } from "zod";
import { ZCreatePolicyInput, ZPolicyPreviewInput, ZUpdatePolicyInput } from "../../schemas/policies";
import { ZPolicyDtoSchema, ZPolicyPreviewDtoSchema } from "../../schemas/policy-api";
import type { TEndpointSpec } from "../endpoint";

export const policiesEndpoints: readonly TEndpointSpec[] = [
  { method: "get", path: "/api/v1/policies", summary: "List built-in and custom detection policies", tag: "Policies", auth: "viewer", response: z.object({ data: z.array(ZPolicyDtoSchema) }) },
  { method: "post", path: "/api/v1/policies", summary: "Create a custom activity policy (actions: governance actions run on each new alert, at most 3)", tag: "Policies", auth: "admin", body: ZCreatePolicyInput, response: ZPolicyDtoSchema, status: 201 },
  { method: "get", path: "/api/v1/policies/{id}", summary: "One policy by id, built-in key or custom:<id>", tag: "Policies", auth: "viewer", response: ZPolicyDtoSchema },
  {
    method: "patch",
    path: "/api/v1/policies/{id}",
    summary: "Change a policy (built-ins: enabled, sensitivity, severity, scope and actions only); actions = governance actions run on each new alert",
    tag: "Policies",
    auth: "admin",
    body: ZUpdatePolicyInput,
    response: ZPolicyDtoSchema,
  },
  { method: "delete", path: "/api/v1/policies/{id}", summary: "Delete a custom policy", tag: "Policies", auth: "admin", status: 204 },
  {
    method: "post",
    path: "/api/v1/policies/preview",
    summary: "Preview a custom policy over the last N days of stored activities",
    tag: "Policies",
    auth: "analyst",
    body: ZPolicyPreviewInput,
    response: ZPolicyPreviewDtoSchema,
  },
];
