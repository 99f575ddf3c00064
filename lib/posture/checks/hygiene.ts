import { activeUsers, share, toAffectedUser } from "../membership";
import type { TCheckResult, TPostureInput, TRecommendationDefinition } from "../types";

const DAY_MS = 86_400_000;
/** [S] Thresholds, documented in docs/posture.md. */
export const API_KEY_MAX_AGE_DAYS = 182;
export const API_KEY_EXPIRY_WARNING_DAYS = 30;
export const MAX_ORG_ADMINS = 4;
export const INACTIVE_DAYS = 90;

const fmtDay = (d: Date) => d.toISOString().slice(0, 10);

export const apiKeyRecommendation: TRecommendationDefinition = {
  key: "api_key_rotation",
  title: "Rotate admin API keys",
  category: "hygiene",
  whyItMatters: "Admin API keys act with org-admin rights; old keys have had time to leak, and keys about to expire break integrations (including this one).",
  points: 5,
  settingActions: ["api_key_created", "api_key_revoked"],
  criterion: `Share of admin API keys younger than ${API_KEY_MAX_AGE_DAYS} days that do not expire within ${API_KEY_EXPIRY_WARNING_DAYS} days`,
  howToFix: [
    "Open admin.atlassian.com → Settings → API keys.",
    "Create a new key with the shortest expiry that suits the integration (at most one year).",
    "Update the integration with the new key (for Watchpost: Connectors → the connector → Rotate API key).",
    "Revoke the old key listed below.",
  ],
  evaluate: (input: TPostureInput): TCheckResult => {
    const now = input.now.getTime();
    const bad = input.apiKeys.flatMap((k) => {
      const reasons = [
        ...(k.createdAt && now - k.createdAt.getTime() > API_KEY_MAX_AGE_DAYS * DAY_MS ? [`created ${fmtDay(k.createdAt)}`] : []),
        ...(k.expiresAt && k.expiresAt.getTime() - now < API_KEY_EXPIRY_WARNING_DAYS * DAY_MS ? [`expires ${fmtDay(k.expiresAt)}`] : []),
      ];
      return reasons.length > 0 ? [{ id: k.id, label: `${k.label} (${reasons.join(", ")})` }] : [];
    });
    const total = input.apiKeys.length;
    return {
      fraction: share(total - bad.length, total),
      summary: `${total - bad.length} of ${total} admin API keys are recent and not about to expire`,
      affected: { policies: [], users: [], items: bad },
    };
  },
};

export const adminCountRecommendation: TRecommendationDefinition = {
  key: "limit_org_admins",
  title: "Limit the number of org admins",
  category: "admins",
  whyItMatters: "Each org admin is a path to full control of the organization; fewer admins means fewer accounts an attacker can use.",
  points: 5,
  settingActions: ["org_admin_granted", "org_admin_revoked"],
  criterion: `${MAX_ORG_ADMINS} or fewer active org admins; above that, ${MAX_ORG_ADMINS} ÷ the number of admins`,
  howToFix: [
    "Open admin.atlassian.com → Directory → Users and filter by the Organization admin role.",
    "For each admin below who does not need full control, open the user and choose Remove org admin role.",
    "Give them a narrower role instead (user access admin, product admin) where they still need some admin rights.",
    `Keep at least two and at most ${MAX_ORG_ADMINS} org admins.`,
  ],
  evaluate: (input: TPostureInput): TCheckResult => {
    const admins = activeUsers(input).filter((u) => u.isAdmin);
    const fraction = admins.length <= MAX_ORG_ADMINS ? 1 : MAX_ORG_ADMINS / admins.length;
    return {
      fraction,
      summary: `${admins.length} active org admins (target: ${MAX_ORG_ADMINS} or fewer)`,
      affected: { policies: [], users: fraction < 1 ? admins.map(toAffectedUser) : [], items: [] },
    };
  },
};

export const inactiveUsersRecommendation: TRecommendationDefinition = {
  key: "inactive_users",
  title: "Remove product access from inactive users",
  category: "hygiene",
  whyItMatters: "Dormant accounts with product access are a favourite target: nobody notices when they are taken over, and they cost licences.",
  points: 3,
  settingActions: ["product_access_revoked", "user_access_suspended", "user_deactivated"],
  criterion: `Share of active users with product access who were active in the last ${INACTIVE_DAYS} days (never active counts as inactive)`,
  howToFix: [
    "Open admin.atlassian.com → Directory → Users and sort by Last active.",
    `For each user below (no activity for ${INACTIVE_DAYS} days) open the user and choose Suspend access, or remove their product roles.`,
    "If the account is no longer needed at all, deactivate it instead.",
    "Or let Watchpost do it: Alerts → governance actions → Suspend user.",
  ],
  evaluate: (input: TPostureInput): TCheckResult => {
    const cutoff = input.now.getTime() - INACTIVE_DAYS * DAY_MS;
    const withAccess = activeUsers(input).filter((u) => u.hasProductAccess);
    const inactive = withAccess.filter((u) => u.lastActiveAt === null || u.lastActiveAt.getTime() < cutoff);
    return {
      fraction: share(withAccess.length - inactive.length, withAccess.length),
      summary: `${inactive.length} of ${withAccess.length} users with product access were not active in ${INACTIVE_DAYS} days`,
      affected: { policies: [], users: inactive.map(toAffectedUser), items: [] },
    };
  },
};

export const domainsRecommendation: TRecommendationDefinition = {
  key: "verify_domains",
  title: "Verify every company domain",
  category: "hygiene",
  whyItMatters: "Accounts on unverified domains are not managed: your policies do not apply to them and their activity is invisible to Watchpost.",
  points: 3,
  settingActions: ["domain_verified", "domain_removed"],
  criterion: "Share of the org's domains that are verified",
  howToFix: [
    "Open admin.atlassian.com → Settings → Domains.",
    "For each domain below choose Verify and add the DNS TXT record (or the HTTPS file) Atlassian shows.",
    "Wait for verification, then claim the accounts so they become managed.",
    "Remove domains your company does not own.",
  ],
  evaluate: (input: TPostureInput): TCheckResult => {
    const unverified = input.domains.filter((d) => d.status !== "verified");
    return {
      fraction: share(input.domains.length - unverified.length, input.domains.length),
      summary: `${input.domains.length - unverified.length} of ${input.domains.length} domains are verified`,
      affected: { policies: [], users: [], items: unverified.map((d) => ({ id: d.name, label: `${d.name} (${d.status})` })) },
    };
  },
};
