import type { TBuiltinPolicyKey, TCustomPolicyFilter, TCustomPolicyTrigger, TPolicyScope, TSensitivity, TSeverity } from "../shared/schemas/policies";

/** A detection policy as the engine runs it (a detection_policies row, parsed). */
export type TRuntimePolicy = Readonly<{
  id: string;
  /** Built-in key, or "custom:<id>". */
  key: string;
  builtinKey: TBuiltinPolicyKey | null;
  name: string;
  enabled: boolean;
  sensitivity: TSensitivity;
  severity: TSeverity;
  scope: TPolicyScope;
  filter: TCustomPolicyFilter | null;
  trigger: TCustomPolicyTrigger | null;
  /** Custom policies alert only on activities stored after this moment (Defender semantics). */
  createdAt: Date;
}>;

/**
 * What the engine knows about accounts beyond the activity itself. Group membership is not synced yet:
 * groupsOf returns "org-admins" for organization admins and nothing else (docs/detections.md).
 */
export type TDirectoryLookup = Readonly<{
  isOrgAdmin: (connectorId: string, accountId: string) => boolean;
  groupsOf: (connectorId: string, accountId: string) => readonly string[];
}>;

export const EMPTY_DIRECTORY: TDirectoryLookup = { isOrgAdmin: () => false, groupsOf: () => [] };

export const EMPTY_SCOPE: TPolicyScope = { includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [] };

/** The pseudo-group every organization admin belongs to, until group membership is synced. */
export const ORG_ADMINS_GROUP = "org-admins";
