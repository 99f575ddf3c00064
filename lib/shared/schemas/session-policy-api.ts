/**
 * The REST side of session policies (issue 22): path params and response DTOs. The request bodies are the shared
 * schemas of session-policies.ts, which the form and the proxy's evaluator use as well.
 */
import { z } from "zod";
import { ZSessionControlType, ZSessionPolicyAction, ZSessionPolicyAlert, ZSessionPolicyFilters, SESSION_OUTCOMES } from "./session-policies";

export const ZSessionPolicyIdParams = z.object({ id: z.uuid({ error: "id must be a session policy id (UUID)" }) });

/** A stored policy as the API answers it (TSessionPolicy). */
export const ZSessionPolicyDto = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  priority: z.number().int().describe("Evaluation order: lower first, ties oldest first; the first Block wins"),
  controlType: ZSessionControlType,
  filters: ZSessionPolicyFilters,
  action: ZSessionPolicyAction,
  notifyUser: z.boolean(),
  alert: ZSessionPolicyAlert.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSessionPolicyDto = z.infer<typeof ZSessionPolicyDto>;

export const ZSessionPolicyList = z.object({ data: z.array(ZSessionPolicyDto) });

export const ZSessionPolicyTemplateDto = z.object({
  key: z.string(),
  title: z.string(),
  summary: z.string(),
  /** A body for POST /api/v1/session-policies. */
  policy: z.record(z.string(), z.unknown()),
});
export const ZSessionPolicyTemplateList = z.object({ data: z.array(ZSessionPolicyTemplateDto) });

export const ZSessionPolicyPreviewExample = z.object({
  /** The activity's id: /activities?activity=<id> opens it. */
  activityId: z.string(),
  time: z.string(),
  user: z.object({ accountId: z.string().nullable(), email: z.string().nullable(), name: z.string().nullable() }),
  action: z.string(),
  actionName: z.string().nullable(),
  /** The file or page the request was about (or its site). */
  object: z.string().nullable(),
  outcome: z.enum(SESSION_OUTCOMES),
  /** Which facts of the request made the policy match. */
  why: z.string(),
});
export type TSessionPolicyPreviewExample = z.infer<typeof ZSessionPolicyPreviewExample>;

export const ZSessionPolicyPreviewDto = z.object({
  days: z.number().int(),
  /** Session activities read (source session_proxy, in the window). */
  activitiesScanned: z.number().int(),
  /** True when the window held more than the scan cap: the counts cover the newest activitiesScanned requests only. */
  isCapped: z.boolean(),
  /** Requests the policy matched. */
  matchCount: z.number().int(),
  /** Of those, what the policy would have done: blocked (Block action) or logged (Audit). */
  blockedCount: z.number().int(),
  auditedCount: z.number().int(),
  /** File-size filters need the stored size: requests whose size was not recorded cannot match them. */
  unknownSizeCount: z.number().int(),
  /** Up to 10, newest first. */
  examples: z.array(ZSessionPolicyPreviewExample),
});
export type TSessionPolicyPreviewDto = z.infer<typeof ZSessionPolicyPreviewDto>;
