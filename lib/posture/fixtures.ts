import type { TPolicyInput, TPostureInput, TUserInput } from "./types";

/** Builders for engine tests and docs examples: a strong org by default, weakened per test. */
export const NOW = new Date("2026-11-24T00:00:00Z");
const DAY = 86_400_000;

export const user = (accountId: string, overrides: Partial<TUserInput> = {}): TUserInput => ({
  accountId,
  name: accountId,
  email: `${accountId}@acme.test`,
  status: "active",
  isAdmin: false,
  lastActiveAt: new Date(NOW.getTime() - DAY),
  hasProductAccess: true,
  ...overrides,
});

export const STRONG_AUTH = {
  twoStepVerification: "required",
  ssoEnforced: false,
  idleSessionDurationMinutes: 480,
  sessionExpirationMinutes: 1440,
  passwordStrength: "strong",
  passwordExpiryDays: null,
};
export const STRONG_MOBILE = {
  blockCompromisedDevices: true,
  requireDeviceEncryption: true,
  requireBiometricsOrPasscode: true,
  minimumOsVersion: { ios: "17.0", android: "13" },
  mobileSessionExpirationMinutes: 720,
  appliesToAllUsers: true,
  appDataProtection: { preventSharingAndSaving: true, preventBackup: true, blockScreenshots: true, preventCutCopy: true, blockThirdPartyKeyboards: true },
};
export const STRONG_DATA = { preventDataExport: true, preventPublicLinks: true, preventAnonymousAccess: true, blockAppAccess: true };

export const policy = (policyId: string, type: string, rule: unknown, overrides: Partial<TPolicyInput> = {}): TPolicyInput => ({
  policyId,
  type,
  name: policyId,
  status: "enabled",
  rule,
  ...overrides,
});

export const strongOrg = (overrides: Partial<TPostureInput> = {}): TPostureInput => ({
  now: NOW,
  policies: [policy("auth", "authentication", STRONG_AUTH), policy("mobile", "mobile-app", STRONG_MOBILE), policy("data", "data-security", STRONG_DATA)],
  users: [user("admin1", { isAdmin: true }), user("admin2", { isAdmin: true }), user("u1"), user("u2")],
  domains: [{ name: "acme.test", status: "verified" }],
  apiKeys: [{ id: "k1", label: "Watchpost", createdAt: new Date(NOW.getTime() - 10 * DAY), expiresAt: new Date(NOW.getTime() + 200 * DAY) }],
  ...overrides,
});
