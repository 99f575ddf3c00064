import { z } from "zod";

/** Governance actions against an Atlassian user (issue 7). The keys are a contract of the API. */
export const GOVERNANCE_ACTIONS = ["notify_user", "require_sign_in", "suspend_user", "unsuspend_user"] as const;
export const ZGovernanceActionKind = z.enum(GOVERNANCE_ACTIONS, { error: `Action must be one of ${GOVERNANCE_ACTIONS.join(", ")}` });
export type TGovernanceActionKind = z.infer<typeof ZGovernanceActionKind>;

/** Actions a policy may run automatically on a new alert (restoring access is never automatic). */
export const POLICY_GOVERNANCE_ACTIONS = ["notify_user", "require_sign_in", "suspend_user"] as const;
export const ZPolicyGovernanceAction = z.enum(POLICY_GOVERNANCE_ACTIONS, {
  error: `A policy can run ${POLICY_GOVERNANCE_ACTIONS.join(", ")}`,
});

export const GOVERNANCE_ACTION_LABELS: Record<TGovernanceActionKind, string> = {
  notify_user: "Notify user",
  require_sign_in: "Require user to sign in again",
  suspend_user: "Suspend user",
  unsuspend_user: "Unsuspend user",
};

export const WORK_STATUSES = ["pending", "succeeded", "failed"] as const;
export type TWorkStatus = (typeof WORK_STATUSES)[number];

const ZAccountId = z
  .string({ error: "accountId is required" })
  .trim()
  .regex(/^[a-zA-Z0-9_|:-]{1,128}$/, "accountId must be an Atlassian account id");

/** POST /api/v1/governance-actions (analyst or admin) → 202 with the log entry. */
export const ZGovernanceActionInput = z
  .object({
    action: ZGovernanceActionKind,
    accountId: ZAccountId,
    connectorId: z.uuid({ error: "connectorId must be a connector id" }),
    alertId: z.uuid({ error: "alertId must be an alert id" }).optional(),
    reason: z.string({ error: "reason is required" }).trim().min(1, "Say why (reason is required)").max(2000, "reason must be at most 2000 characters"),
    /** suspend_user: restore access after this many hours unless an analyst confirms the suspension. */
    autoRestoreHours: z.number({ error: "autoRestoreHours must be a number" }).int().min(1, "autoRestoreHours must be at least 1").max(720, "autoRestoreHours must be at most 720 (30 days)").optional(),
    /** notify_user: also post the notice to the chat channels (Slack, Teams). */
    chat: z.boolean().optional(),
  })
  .strict()
  .refine((input) => input.autoRestoreHours === undefined || input.action === "suspend_user", {
    error: "autoRestoreHours applies to suspend_user only",
    path: ["autoRestoreHours"],
  });
export type TGovernanceActionInput = z.infer<typeof ZGovernanceActionInput>;

/** GET /api/v1/governance-log */
export const ZGovernanceLogQuery = z
  .object({
    connectorId: z.uuid({ error: "connectorId must be a connector id" }).optional(),
    accountId: ZAccountId.optional(),
    alertId: z.uuid({ error: "alertId must be an alert id" }).optional(),
    action: ZGovernanceActionKind.optional(),
    status: z.enum(WORK_STATUSES, { error: `status must be one of ${WORK_STATUSES.join(", ")}` }).optional(),
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "cursor must be a value returned as nextCursor").optional(),
    limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
  })
  .strict();
export type TGovernanceLogQuery = z.infer<typeof ZGovernanceLogQuery>;

export const ZGovernanceActionIdParams = z.object({ id: z.uuid({ error: "Unknown governance action id" }) });

/** Who triggered an action: a person, a policy (with the alert), or the system (auto-restore). */
export type TTriggeredBy =
  | Readonly<{ kind: "person"; userId: string | null; email: string }>
  | Readonly<{ kind: "policy"; policyKey: string; policyName: string }>
  | Readonly<{ kind: "system"; reason: string }>;

export type TGovernanceActionDto = Readonly<{
  id: string;
  action: TGovernanceActionKind;
  connectorId: string;
  accountId: string;
  user: { email: string | null; name: string | null };
  status: TWorkStatus;
  error?: string;
  attempts: number;
  reason: string;
  triggeredBy: TTriggeredBy;
  alertId?: string;
  /** What Atlassian answered, e.g. {message} or {revokedTokenIds}. */
  result: Record<string, unknown>;
  autoRestoreAt?: string;
  /** The action this one reverts, and the action that reverted this one. */
  revertOfId?: string;
  revertedById?: string;
  /** True when an unsuspend_user could undo it now. */
  revertible: boolean;
  createdAt: string;
  completedAt?: string;
}>;

export type TGovernanceLogDto = Readonly<{ data: TGovernanceActionDto[]; nextCursor: string | null }>;

const ZTriggeredBy = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("person"), userId: z.string().nullable(), email: z.string() }),
  z.object({ kind: z.literal("policy"), policyKey: z.string(), policyName: z.string() }),
  z.object({ kind: z.literal("system"), reason: z.string() }),
]);

export const ZGovernanceActionDto = z.object({
  id: z.string(),
  action: ZGovernanceActionKind,
  connectorId: z.string(),
  accountId: z.string(),
  user: z.object({ email: z.string().nullable(), name: z.string().nullable() }),
  status: z.enum(WORK_STATUSES),
  error: z.string().optional(),
  attempts: z.number().int(),
  reason: z.string(),
  triggeredBy: ZTriggeredBy,
  alertId: z.string().optional(),
  result: z.record(z.string(), z.unknown()),
  autoRestoreAt: z.string().optional(),
  revertOfId: z.string().optional(),
  revertedById: z.string().optional(),
  revertible: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().optional(),
});
export const ZGovernanceLogDto = z.object({ data: z.array(ZGovernanceActionDto), nextCursor: z.string().nullable() });
