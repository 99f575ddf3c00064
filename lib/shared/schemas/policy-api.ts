import { z } from "zod";
import { ZPolicyGovernanceAction } from "./governance";

/** Path id of a policy: its uuid, its built-in key (impossible_travel) or its custom key (custom:<uuid>). */
export const ZPolicyIdParams = z.object({
  id: z
    .string()
    .trim()
    .regex(/^(custom:)?[0-9a-f-]{36}$|^[a-z_]{2,40}$/i, "Unknown policy id"),
});

/** Response schemas for the OpenAPI document (the DTO types live in policies.ts). */
const ZScope = z.object({ includeUsers: z.array(z.string()), excludeUsers: z.array(z.string()), includeGroups: z.array(z.string()), excludeGroups: z.array(z.string()) });
export const ZPolicyDtoSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.enum(["builtin", "custom"]),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  sensitivity: z.enum(["low", "medium", "high"]),
  severity: z.enum(["low", "medium", "high"]),
  scope: ZScope,
  filter: z.record(z.string(), z.unknown()).nullable(),
  trigger: z.record(z.string(), z.unknown()).nullable(),
  actions: z.array(ZPolicyGovernanceAction).describe("Governance actions run automatically on each new alert"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZPolicyPreviewDtoSchema = z.object({
  days: z.number().int(),
  activitiesScanned: z.number().int(),
  alertCount: z.number().int(),
  examples: z.array(
    z.object({
      title: z.string(),
      explanation: z.string(),
      user: z.object({ accountId: z.string().nullable(), email: z.string().nullable(), name: z.string().nullable() }),
      firstActivityAt: z.string(),
      lastActivityAt: z.string(),
      activityCount: z.number().int(),
    }),
  ),
});
