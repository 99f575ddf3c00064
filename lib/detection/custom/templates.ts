import type { TCustomPolicyFilter, TCustomPolicyTrigger, TSeverity } from "../../shared/schemas/policies";

/** A starting point for a custom activity policy (the policy editor offers these). */
export type TCustomPolicyTemplate = Readonly<{
  id: string;
  name: string;
  description: string;
  severity: TSeverity;
  filter: TCustomPolicyFilter;
  trigger: TCustomPolicyTrigger;
}>;

export const CUSTOM_POLICY_TEMPLATES: readonly TCustomPolicyTemplate[] = [
  {
    id: "multiple-failed-sign-ins",
    name: "Multiple failed sign-ins",
    description: "More than 10 failed logins of the same user within 5 minutes.",
    severity: "medium",
    filter: { actions: ["user_login_failed"] },
    trigger: { kind: "repeated", count: 11, windowMinutes: 5, perUser: true, perProduct: false },
  },
  {
    id: "admin-activity-non-corporate-ip",
    name: "Administrative activity from a non-corporate IP address",
    description: "Any administrative action from an IP address outside your Corporate ranges.",
    severity: "medium",
    filter: { adminActionsOnly: true, ipCategoriesExclude: ["corporate"] },
    trigger: { kind: "single" },
  },
  {
    id: "sign-in-from-risky-ip",
    name: "Sign-in from a risky IP address",
    description: "A successful login from an IP address tagged tor, anonymous_proxy or botnet.",
    severity: "high",
    filter: { actions: ["user_login"], ipTags: ["tor", "anonymous_proxy", "botnet"] },
    trigger: { kind: "single" },
  },
  {
    id: "mass-group-membership-changes",
    name: "Mass group membership changes",
    description: "20 or more users added to or removed from groups by one person within 10 minutes.",
    severity: "medium",
    filter: { actions: ["user_added_to_group", "user_removed_from_group"] },
    trigger: { kind: "repeated", count: 20, windowMinutes: 10, perUser: true, perProduct: false },
  },
];
