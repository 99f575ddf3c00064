import { EVENT_ACTIONS, type TEventActionGroup } from "@/lib/atlassian/event-actions";
import { PROXY_ACTION_NAMES } from "@/lib/proxy/classify";
import { LOCALE } from "../ui/format";

/** The flag emoji of an ISO 3166-1 alpha-2 code (two regional indicator symbols); "" when not a code. */
export const flagEmoji = (code: string | null | undefined): string =>
  code && /^[A-Za-z]{2}$/.test(code) ? String.fromCodePoint(...[...code.toUpperCase()].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65)) : "";

/** The action catalogue by group, in catalogue order, then the session proxy's actions, for the grouped multi-select. */
export const ACTION_GROUPS: readonly { group: TEventActionGroup | "Session proxy"; actions: readonly { key: string; displayName: string }[] }[] = [
  ...[...new Set(EVENT_ACTIONS.map((a) => a.group))].map((group) => ({ group, actions: EVENT_ACTIONS.filter((a) => a.group === group) })),
  { group: "Session proxy", actions: Object.entries(PROXY_ACTION_NAMES).map(([key, displayName]) => ({ key, displayName })) },
];

/** Product names; "atlassian" is the session proxy's sign-ins and identity requests to a site (not administration). */
export const PRODUCT_LABELS: Record<string, string> = { jira: "Jira", confluence: "Confluence", bitbucket: "Bitbucket", admin: "Atlassian Administration", atlassian: "Atlassian account" };

export const IP_CATEGORY_LABELS: Record<string, string> = {
  corporate: "Corporate",
  vpn: "VPN",
  administrative: "Administrative",
  cloud_provider: "Cloud provider",
  risky: "Risky",
};

export const SOURCE_LABELS: Record<string, string> = { audit_log: "Audit log", session_proxy: "Session proxy" };
/** What a session policy did to a proxied request. */
export const OUTCOME_LABELS: Record<string, string> = { blocked: "Blocked", audited: "Audited" };

/** Local time with seconds, e.g. "23 Nov 2026, 14:05:09". */
export const formatActivityTime = (iso: string): string =>
  new Date(iso).toLocaleString(LOCALE, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** "London, United Kingdom" with the flag first; "—" when nothing is known. */
export const formatLocation = (a: Readonly<{ city: string | null; country: string | null; countryCode: string | null }>): string => {
  const place = [a.city, a.country ?? a.countryCode].filter(Boolean).join(", ");
  return place ? `${flagEmoji(a.countryCode)} ${place}`.trim() : "—";
};
