import type { TAuthenticationRule } from "../../atlassian/schemas/policies";
import { activeUsers, authPolicies, hasPolicyData, share, splitByPolicy, toAffectedUser } from "../membership";
import type { TCheckResult, TPostureInput, TRecommendationDefinition } from "../types";

const UNKNOWN: TCheckResult = {
  fraction: null,
  summary: "No authentication policy was synced: Atlassian exposes no read API for it, so this cannot be checked",
  affected: { policies: [], users: [], items: [] },
};
/** [S] Idle sessions of at most 12 hours pass (Atlassian's default is 30 days). */
export const MAX_IDLE_MINUTES = 12 * 60;
const STRONG = new Set(["strong", "very-strong"]);
const ADMIN_ROOT = "admin.atlassian.com → Security → Authentication policies";

const hasMfa = (r: TAuthenticationRule) => r.ssoEnforced || r.twoStepVerification === "required";

/** Users covered / all active managed users, by their governing authentication policy. */
const byPolicy = (input: TPostureInput, passes: (rule: TAuthenticationRule) => boolean, noun: string): TCheckResult => {
  if (!hasPolicyData(input) || authPolicies(input).length === 0) return UNKNOWN;
  const users = activeUsers(input);
  const { failing, failingPolicies } = splitByPolicy(input, users, passes);
  const fraction = share(users.length - failing.length, users.length);
  const summary = `${users.length - failing.length} of ${users.length} active managed users are under a policy that ${noun}`;
  return { fraction, summary, affected: { policies: failingPolicies, users: failing.map(toAffectedUser), items: [] } };
};

export const mfaRecommendation: TRecommendationDefinition = {
  key: "enable_mfa",
  title: "Enable multi-factor authentication",
  category: "identity",
  whyItMatters: "A stolen or guessed password alone must not open an account: two-step verification or enforced SSO stops most account takeovers.",
  points: 10,
  settingActions: ["two_step_verification_disabled", "authentication_policy_updated"],
  criterion: "Share of active managed users whose authentication policy requires two-step verification or enforces SSO",
  howToFix: [
    `Open ${ADMIN_ROOT}.`,
    "Select each policy listed under affected policies and choose Edit.",
    "Under Two-step verification choose Required (or, with Atlassian Guard, enforce single sign-on with your identity provider).",
    "Save, then check that every member can still sign in (members get a prompt to enrol at next login).",
  ],
  evaluate: (input) => byPolicy(input, hasMfa, "requires two-step verification or SSO"),
};

export const sessionTimeoutRecommendation: TRecommendationDefinition = {
  key: "session_timeout",
  title: "Enable session timeout for web users",
  category: "sessions",
  whyItMatters: "Long idle sessions keep an unattended or stolen browser signed in for weeks; a short idle timeout limits that window.",
  points: 5,
  settingActions: ["session_duration_updated", "authentication_policy_updated"],
  criterion: `Share of active managed users whose policy has an idle session duration of at most ${MAX_IDLE_MINUTES / 60} hours`,
  howToFix: [
    `Open ${ADMIN_ROOT}.`,
    "Select each affected policy and choose Edit.",
    `Under Session duration set Idle session duration to ${MAX_IDLE_MINUTES / 60} hours or less (optionally also a session expiration).`,
    "Save: members are signed out after that much inactivity from their next session on.",
  ],
  evaluate: (input) => byPolicy(input, (r) => r.idleSessionDurationMinutes <= MAX_IDLE_MINUTES, `signs idle sessions out within ${MAX_IDLE_MINUTES / 60} hours`),
};

export const passwordRecommendation: TRecommendationDefinition = {
  key: "password_requirements",
  title: "Enhance password requirements",
  category: "identity",
  whyItMatters: "Weak passwords fall to guessing and credential stuffing; a strong minimum strength makes them far harder to crack.",
  points: 5,
  settingActions: ["password_policy_updated", "authentication_policy_updated"],
  criterion: "Share of active managed users whose policy requires Strong or Very strong passwords (or who sign in only through enforced SSO)",
  howToFix: [
    `Open ${ADMIN_ROOT}.`,
    "Select each affected policy and choose Edit.",
    "Under Password requirements set Minimum strength to Strong or Very strong; optionally set an expiry.",
    "Save: members must choose a compliant password at their next password change.",
  ],
  evaluate: (input) => byPolicy(input, (r) => r.ssoEnforced || STRONG.has(r.passwordStrength), "requires strong passwords"),
};

export const adminMfaRecommendation: TRecommendationDefinition = {
  key: "admin_mfa",
  title: "Protect org admins with two-step verification or SSO",
  category: "admins",
  whyItMatters: "An org admin can change every security setting and reach every product: these accounts need a second factor above all others.",
  points: 10,
  settingActions: ["two_step_verification_disabled", "authentication_policy_updated", "org_admin_granted"],
  criterion: "Share of active org admins whose authentication policy requires two-step verification or enforces SSO",
  howToFix: [
    `Open ${ADMIN_ROOT}.`,
    "Create a policy for administrators (or edit the one listed below) with Two-step verification Required or SSO enforced.",
    "Add every org admin listed under affected users as a member of that policy.",
    "Save, then confirm under Directory → Users that each admin shows the new policy.",
  ],
  evaluate: (input) => {
    if (!hasPolicyData(input) || authPolicies(input).length === 0) return UNKNOWN;
    const admins = activeUsers(input).filter((u) => u.isAdmin);
    const { failing, failingPolicies } = splitByPolicy(input, admins, hasMfa);
    return {
      fraction: share(admins.length - failing.length, admins.length),
      summary: `${admins.length - failing.length} of ${admins.length} org admins sign in with two-step verification or SSO`,
      affected: { policies: failingPolicies, users: failing.map(toAffectedUser), items: [] },
    };
  },
};

export const exemptionsRecommendation: TRecommendationDefinition = {
  key: "policy_exemptions",
  title: "Remove authentication policy exemptions",
  category: "identity",
  whyItMatters: "Users in a policy with two-step verification turned off, or in no policy at all, are exempt from the controls everyone else gets.",
  points: 5,
  settingActions: ["authentication_policy_updated", "two_step_verification_disabled"],
  criterion: "Share of active managed users governed by an enabled policy that does not turn two-step verification off",
  howToFix: [
    `Open ${ADMIN_ROOT}.`,
    "For each affected policy choose Edit and set Two-step verification to at least Optional (better: Required).",
    "Move the affected users into the default policy, or delete the exempting policy so its members fall back to the default.",
    "Make sure a default policy (without a member list) exists so new users are never left out.",
  ],
  evaluate: (input) => byPolicy(input, (r) => r.ssoEnforced || r.twoStepVerification !== "off", "does not exempt them from two-step verification"),
};
