import type { TRole } from "@/lib/shared/roles";

export type NavItem = Readonly<{ href: string; label: string; role: TRole; section: "main" | "settings" }>;

/** Only pages that exist; each shown to the roles that may open it. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Dashboard", role: "viewer", section: "main" },
  { href: "/incidents", label: "Incidents", role: "viewer", section: "main" },
  { href: "/alerts", label: "Alerts", role: "viewer", section: "main" },
  { href: "/activities", label: "Activities", role: "viewer", section: "main" },
  { href: "/connectors", label: "Connectors", role: "viewer", section: "main" },
  { href: "/policies", label: "Policies", role: "viewer", section: "main" },
  { href: "/users", label: "Users", role: "viewer", section: "main" },
  { href: "/governance", label: "Governance log", role: "viewer", section: "main" },
  { href: "/posture", label: "Posture", role: "viewer", section: "main" },
  { href: "/sessions", label: "Sessions", role: "analyst", section: "main" },
  { href: "/settings/users", label: "Users", role: "admin", section: "settings" },
  { href: "/settings/tokens", label: "API tokens", role: "viewer", section: "settings" },
  { href: "/settings/password", label: "Change password", role: "viewer", section: "settings" },
  { href: "/settings/ip-ranges", label: "IP ranges", role: "viewer", section: "settings" },
  { href: "/settings/notifications", label: "Notifications", role: "admin", section: "settings" },
  { href: "/settings/devices", label: "Devices", role: "admin", section: "settings" },
  { href: "/settings/sso", label: "Single sign-on", role: "admin", section: "settings" },
  { href: "/settings/retention", label: "Data retention", role: "admin", section: "settings" },
  { href: "/settings/audit-log", label: "Audit log", role: "admin", section: "settings" },
];
