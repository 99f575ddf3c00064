import type { TPolicyDefinition } from "./org-definition";
import { DEFAULT_POLICIES } from "./store/sim-org";
import { ZScenario, type TScenario } from "./scenario/schema";

/** The demo org's ID: fixed, so the README and the connect wizard can print it. */
export const DEMO_ORG_ID = "5e1d0c2b-8f4a-4c3e-9b7d-6a2f1e0d9c8b";
export const DEMO_ORG_NAME = "Acme Demo";
/** The demo org's API key: fixed and never expiring (it only opens a local simulator). */
export const DEMO_API_KEY = "demo-admin-api-key-5e1d0c2b-watchpost";
export const DEMO_SEED = 20260105;
/** Three verified domains (managed accounts) and one unverified (contractors, not managed). */
export const DEMO_DOMAINS = {
  verified: ["acme.example", "acme-engineering.example", "acme-sales.example"],
  unverified: "acme-contractors.example",
} as const;

const DEMO_POLICIES: TPolicyDefinition[] = [
  ...DEFAULT_POLICIES,
  {
    type: "mobile-app",
    name: "Mobile app policy",
    status: "enabled",
    rule: {
      blockCompromisedDevices: true,
      requireDeviceEncryption: true,
      requireBiometricsOrPasscode: false,
      minimumOsVersion: { ios: "16.0", android: "12" },
      mobileSessionExpirationMinutes: 7 * 24 * 60,
      appliesToAllUsers: true,
      appDataProtection: {
        preventSharingAndSaving: true,
        preventBackup: false,
        blockScreenshots: false,
        preventCutCopy: false,
        blockThirdPartyKeyboards: false,
      },
    },
  },
  {
    type: "data-security",
    name: "Data security policy",
    status: "enabled",
    rule: { preventDataExport: false, preventPublicLinks: true, preventAnonymousAccess: true, blockAppAccess: false },
  },
  { type: "ip-allowlist", name: "Office networks", status: "disabled", rule: { ipRanges: ["203.0.113.0/24", "198.51.100.0/25"] } },
];

/**
 * The demo org: about 200 users (4 org admins) on three verified domains plus contractors on an unverified
 * one, 30 days of history ending at start-up with an attack episode every other day after a week's warm-up.
 */
export const demoScenario = (): TScenario =>
  ZScenario.parse({
    seed: DEMO_SEED,
    days: 30,
    org: {
      id: DEMO_ORG_ID,
      name: DEMO_ORG_NAME,
      // The site every demo user signs in to: acme.atlassian.net (docs/simulator.md, "Sites").
      siteName: "acme",
      apiKeys: [{ key: DEMO_API_KEY, label: "Watchpost demo" }],
      domains: [
        ...DEMO_DOMAINS.verified.map((name) => ({ name, status: "verified" })),
        { name: DEMO_DOMAINS.unverified, status: "unverified" },
      ],
      users: [],
      policies: DEMO_POLICIES,
    },
    generatedUsers: {
      count: 200,
      adminCount: 4,
      domains: { "acme.example": 0.55, "acme-engineering.example": 0.25, "acme-sales.example": 0.12, [DEMO_DOMAINS.unverified]: 0.08 },
    },
    randomEpisodes: { perDay: 0.5, afterDays: 7 },
    // Regional VPN exits, as an org with offices on three continents has: an exit across an ocean would be impossible
    // travel for every remote worker until the admin registers the VPN ranges (issue 25: the demo looks like a real org).
    activity: { vpnEgress: "nearby" },
  });
