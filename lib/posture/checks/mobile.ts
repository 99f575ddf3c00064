import { dataSecurityPolicies, hasPolicyData, mobilePolicies, toAffectedPolicy } from "../membership";
import type { TAffectedItem, TCheckResult, TPostureInput, TRecommendationDefinition } from "../types";

const UNKNOWN: TCheckResult = {
  fraction: null,
  summary: "No security policies were synced: Atlassian exposes no read API for mobile or data security policies, so this cannot be checked",
  affected: { policies: [], users: [], items: [] },
};
const MOBILE_ROOT = "admin.atlassian.com → Security → Mobile app policy";

type TToggle = Readonly<{ id: string; label: string }>;

/**
 * Scores the best enabled policy of a kind: the share of required toggles it has on. The toggles that are
 * off (or the missing policy) become the affected items, the policy itself the affected policy.
 */
const bestOf = <P extends { policyId: string; name: string }>(
  candidates: readonly P[],
  toggles: readonly TToggle[],
  isOn: (policy: P, toggle: TToggle) => boolean,
  missing: TAffectedItem,
): { fraction: number; policy: P | null; off: TAffectedItem[] } => {
  let best: { fraction: number; policy: P | null; off: TAffectedItem[] } = { fraction: 0, policy: null, off: [missing] };
  for (const policy of candidates) {
    const off = toggles.filter((t) => !isOn(policy, t)).map((t) => ({ id: t.id, label: t.label }));
    const fraction = (toggles.length - off.length) / toggles.length;
    if (best.policy === null || fraction > best.fraction) best = { fraction, policy, off };
  }
  return best;
};

const MOBILE_TOGGLES: readonly TToggle[] = [
  { id: "blockCompromisedDevices", label: "Block jailbroken or rooted devices" },
  { id: "requireDeviceEncryption", label: "Require device encryption" },
  { id: "requireBiometricsOrPasscode", label: "Require biometrics or a passcode" },
  { id: "minimumOsVersion", label: "Set a minimum OS version" },
  { id: "mobileSessionExpirationMinutes", label: "Expire mobile sessions" },
  { id: "appliesToAllUsers", label: "Apply the policy to all users" },
];

export const mobileSecurityRecommendation: TRecommendationDefinition = {
  key: "mobile_app_security",
  title: "Atlassian mobile app security",
  category: "devices",
  whyItMatters: "Jira and Confluence on a lost, jailbroken or unencrypted phone expose company data; the mobile app policy sets the minimum a device must meet.",
  points: 5,
  settingActions: ["mobile_policy_updated"],
  criterion: "Share of the six access requirements turned on in the best enabled mobile app policy",
  howToFix: [
    `Open ${MOBILE_ROOT} (needs Atlassian Guard Standard).`,
    "Create a policy if none exists, or select the one listed below, and choose Edit.",
    "Under Access requirements turn on: block compromised devices, require device encryption, require biometrics or passcode, a minimum OS version and a mobile session expiration.",
    "Under Users choose All users, then Save and make sure the policy is On.",
  ],
  evaluate: (input: TPostureInput): TCheckResult => {
    if (!hasPolicyData(input)) return UNKNOWN;
    const best = bestOf(
      mobilePolicies(input),
      MOBILE_TOGGLES,
      ({ rule }, t) => (t.id === "minimumOsVersion" ? rule.minimumOsVersion !== null : t.id === "mobileSessionExpirationMinutes" ? rule.mobileSessionExpirationMinutes !== null : rule[t.id as "appliesToAllUsers"] === true),
      { id: "mobile-app-policy", label: "No enabled mobile app policy" },
    );
    return {
      fraction: best.fraction,
      summary: best.policy ? `${Math.round(best.fraction * 6)} of 6 requirements on in “${best.policy.name}”` : "No enabled mobile app policy",
      affected: { policies: best.policy && best.fraction < 1 ? [toAffectedPolicy(best.policy)] : [], users: [], items: best.off },
    };
  },
};

const DATA_TOGGLES: readonly TToggle[] = [
  { id: "preventSharingAndSaving", label: "Prevent sharing and saving to the device" },
  { id: "preventBackup", label: "Prevent device backups" },
  { id: "blockScreenshots", label: "Block screenshots and screen recording (Android)" },
  { id: "preventCutCopy", label: "Prevent cut and copy" },
  { id: "blockThirdPartyKeyboards", label: "Block third-party keyboards (iOS)" },
];

export const appDataProtectionRecommendation: TRecommendationDefinition = {
  key: "app_data_protection",
  title: "App data protection",
  category: "data",
  whyItMatters: "Without app data protection, content opened in the mobile apps can be copied, shared or backed up to places the company does not control.",
  points: 5,
  settingActions: ["mobile_policy_updated", "data_security_policy_updated"],
  criterion: "Share of six items: the five App data protection toggles of the best enabled mobile policy, plus an enabled data security policy with every rule on",
  howToFix: [
    `Open ${MOBILE_ROOT} and edit the policy listed below.`,
    "In the App data protection section turn on every option: prevent sharing and saving, prevent backup, block screenshots, prevent cut and copy, block third-party keyboards.",
    "Open admin.atlassian.com → Security → Data security policies and create or edit a policy with data export, public links, anonymous access and app access all blocked.",
    "Save both policies and check they are On.",
  ],
  evaluate: (input: TPostureInput): TCheckResult => {
    if (!hasPolicyData(input)) return UNKNOWN;
    const mobile = bestOf(mobilePolicies(input), DATA_TOGGLES, ({ rule }, t) => rule.appDataProtection[t.id as "preventBackup"], {
      id: "mobile-app-policy",
      label: "No enabled mobile app policy (App data protection)",
    });
    const dataPolicies = dataSecurityPolicies(input);
    const fullData = dataPolicies.find(({ rule }) => rule.preventDataExport && rule.preventPublicLinks && rule.preventAnonymousAccess && rule.blockAppAccess);
    const mobileOn = mobile.policy ? DATA_TOGGLES.length - mobile.off.length : 0;
    const on = mobileOn + (fullData ? 1 : 0);
    const items = [...mobile.off, ...(fullData ? [] : [{ id: "data-security-policy", label: "No enabled data security policy with every rule on" }])];
    const policies = [
      ...(mobile.policy && mobile.off.length > 0 ? [toAffectedPolicy(mobile.policy)] : []),
      ...(fullData ? [] : dataPolicies.map(toAffectedPolicy)),
    ];
    return { fraction: on / (DATA_TOGGLES.length + 1), summary: `${on} of ${DATA_TOGGLES.length + 1} data protection controls on`, affected: { policies, users: [], items } };
  },
};
