import { ZAuthenticationRule, ZDataSecurityRule, ZMobileAppRule, type TAuthenticationRule } from "../atlassian/schemas/policies";
import type { TAffectedPolicy, TAffectedUser, TPolicyInput, TPostureInput, TUserInput } from "./types";

export type TAuthPolicy = Readonly<{ policyId: string; name: string; rule: TAuthenticationRule }>;

const isEnabled = (p: TPolicyInput) => p.status === null || p.status === "enabled";
const nameOf = (p: TPolicyInput) => p.name ?? p.policyId;

/** Enabled policies of a type whose rule matches its schema (others count as "setting unknown"). */
const typed = <T>(input: TPostureInput, type: string, parse: (rule: unknown) => T | null) =>
  input.policies.filter((p) => p.type === type && isEnabled(p)).flatMap((p) => {
    const rule = parse(p.rule);
    return rule ? [{ policyId: p.policyId, name: nameOf(p), rule }] : [];
  });

const safe =
  <T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }) =>
  (rule: unknown): T | null => {
    const parsed = schema.safeParse(rule);
    return parsed.success ? parsed.data : null;
  };

export const authPolicies = (input: TPostureInput): TAuthPolicy[] => typed(input, "authentication", safe(ZAuthenticationRule));
export const mobilePolicies = (input: TPostureInput) => typed(input, "mobile-app", safe(ZMobileAppRule));
export const dataSecurityPolicies = (input: TPostureInput) => typed(input, "data-security", safe(ZDataSecurityRule));

/**
 * True when the org exposes the simulator-only policy types at all ([S] atlassian-api.md §1.7): a real
 * Atlassian org returns none, and then the checks that need them report "unknown" instead of "not met".
 */
export const hasPolicyData = (input: TPostureInput): boolean =>
  input.policies.some((p) => p.type === "authentication" || p.type === "mobile-app" || p.type === "data-security");

/** Managed users that can sign in (suspended or deactivated accounts are not at risk). */
export const activeUsers = (input: TPostureInput): TUserInput[] => input.users.filter((u) => u.status === "active");

/**
 * Which enabled authentication policy governs each user: a policy listing the user's account wins, else
 * the policy without a member list (Atlassian's default policy); null = not covered by any policy.
 */
export const policyOfUser = (policies: readonly TAuthPolicy[]) => {
  const explicit = new Map<string, TAuthPolicy>();
  for (const p of policies) for (const id of p.rule.accountIds ?? []) if (!explicit.has(id)) explicit.set(id, p);
  const fallback = policies.find((p) => p.rule.accountIds === undefined) ?? null;
  return (user: TUserInput): TAuthPolicy | null => explicit.get(user.accountId) ?? fallback;
};

export const toAffectedUser = (u: TUserInput): TAffectedUser => ({ accountId: u.accountId, name: u.name, email: u.email });
export const toAffectedPolicy = (p: { policyId: string; name: string }): TAffectedPolicy => ({ id: p.policyId, name: p.name });

/** Splits users into those whose policy passes and those whose does not, with the policies they are in (null = none). */
export const splitByPolicy = (input: TPostureInput, users: readonly TUserInput[], passes: (rule: TAuthenticationRule) => boolean) => {
  const policies = authPolicies(input);
  const of = policyOfUser(policies);
  const failing: TUserInput[] = [];
  const failingPolicies = new Map<string, TAffectedPolicy>();
  for (const user of users) {
    const policy = of(user);
    if (policy && passes(policy.rule)) continue;
    failing.push(user);
    if (policy) failingPolicies.set(policy.policyId, toAffectedPolicy(policy));
  }
  return { failing, failingPolicies: [...failingPolicies.values()] };
};

/** Share of `total` that passes; an empty population counts as fully in place. */
export const share = (passing: number, total: number): number => (total === 0 ? 1 : passing / total);
