import { z } from "zod";
import { ZCreatePolicyInput, ZPolicyPreviewInput, ZUpdatePolicyInput } from "../schemas/policies";
import { ZPolicyDtoSchema, ZPolicyIdParams, ZPolicyPreviewDtoSchema } from "../schemas/policy-api";
import { defineRoute } from "./define-route";

const TAG = "Policies";

export const policyContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/policies",
    summary: "List built-in and custom detection policies",
    tag: TAG,
    auth: "viewer",
    response: z.object({ data: z.array(ZPolicyDtoSchema) }),
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/v1/policies",
    summary: "Create a custom activity policy (actions: governance actions run on each new alert, at most 3); 409 when the name is taken",
    tag: TAG,
    auth: "admin",
    body: ZCreatePolicyInput,
    response: ZPolicyDtoSchema,
    status: 201,
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/policies/{id}",
    summary: "One policy by id, built-in key or custom:<id>",
    tag: TAG,
    auth: "viewer",
    params: ZPolicyIdParams,
    response: ZPolicyDtoSchema,
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/policies/{id}",
    summary: "Change a policy (built-ins: enabled, sensitivity, severity, scope and actions only); actions = governance actions run on each new alert; 409 when the name is taken",
    tag: TAG,
    auth: "admin",
    params: ZPolicyIdParams,
    body: ZUpdatePolicyInput,
    response: ZPolicyDtoSchema,
  }),
  delete: defineRoute({ method: "DELETE", path: "/api/v1/policies/{id}", summary: "Delete a custom policy", tag: TAG, auth: "admin", params: ZPolicyIdParams, status: 204 }),
  preview: defineRoute({
    method: "POST",
    path: "/api/v1/policies/preview",
    summary: "Preview a custom policy over the last N days of stored activities",
    tag: TAG,
    auth: "analyst",
    body: ZPolicyPreviewInput,
    response: ZPolicyPreviewDtoSchema,
  }),
};
