import { ZCreateSessionPolicyInput, ZSessionPolicyPreviewInput, ZUpdateSessionPolicyInput } from "../schemas/session-policies";
import { ZSessionPolicyDto, ZSessionPolicyIdParams, ZSessionPolicyList, ZSessionPolicyPreviewDto, ZSessionPolicyTemplateList } from "../schemas/session-policy-api";
import { defineRoute } from "./define-route";

const TAG = "Session policies";

export const sessionPolicyContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/session-policies",
    summary: "Session policies of the session proxy, in evaluation order (priority, then oldest first)",
    tag: TAG,
    auth: "viewer",
    response: ZSessionPolicyList,
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/v1/session-policies",
    summary: "Create a session policy (monitor, block activities or control file download); the proxy applies it within 5 s; 409 when the name is taken",
    tag: TAG,
    auth: "admin",
    body: ZCreateSessionPolicyInput,
    response: ZSessionPolicyDto,
    status: 201,
  }),
  templates: defineRoute({
    method: "GET",
    path: "/api/v1/session-policies/templates",
    summary: "Defender's common session policies, each a ready body for POST /api/v1/session-policies",
    tag: TAG,
    auth: "viewer",
    response: ZSessionPolicyTemplateList,
  }),
  preview: defineRoute({
    method: "POST",
    path: "/api/v1/session-policies/preview",
    summary: "Preview a session policy over the last N days of recorded session activity: requests it would have blocked or logged, with examples",
    tag: TAG,
    auth: "analyst",
    body: ZSessionPolicyPreviewInput,
    response: ZSessionPolicyPreviewDto,
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/session-policies/{id}",
    summary: "One session policy",
    tag: TAG,
    auth: "viewer",
    params: ZSessionPolicyIdParams,
    response: ZSessionPolicyDto,
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/session-policies/{id}",
    summary: "Change a session policy: the given fields replace the stored ones and the result is checked whole; 409 when the name is taken",
    tag: TAG,
    auth: "admin",
    params: ZSessionPolicyIdParams,
    body: ZUpdateSessionPolicyInput,
    response: ZSessionPolicyDto,
  }),
  delete: defineRoute({
    method: "DELETE",
    path: "/api/v1/session-policies/{id}",
    summary: "Delete a session policy (activities it matched keep its id)",
    tag: TAG,
    auth: "admin",
    params: ZSessionPolicyIdParams,
    status: 204,
  }),
};
