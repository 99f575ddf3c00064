// The dialogs, drawers and inline forms the scan opens before scanning again: each kind the portal has (the
// activity drawer, a form dialog on the native <dialog>, confirm dialogs, create forms that appear on a click).
import type { Locator, Page } from "@playwright/test";
import type { TScanOrg } from "./scan-org";

export type TOpened = Readonly<{
  name: string;
  url: (org: TScanOrg) => string;
  /** What opens it. */
  trigger: (page: Page, org: TScanOrg) => Locator;
  /** What must then be visible. */
  shown: (page: Page) => Locator;
}>;

export const OPENED: readonly TOpened[] = [
  {
    name: "activity drawer",
    url: () => "/activities",
    trigger: (page) => page.locator("tbody tr").first(),
    shown: (page) => page.getByRole("dialog", { name: "Activity detail" }),
  },
  {
    name: "resolve alert dialog (form dialog)",
    url: (org) => `/alerts/${org.alertId}`,
    trigger: (page) => page.getByRole("group", { name: "Status actions" }).getByRole("button", { name: "Resolve" }),
    shown: (page) => page.getByRole("dialog"),
  },
  {
    name: "resolve incident dialog (form dialog)",
    url: (org) => `/incidents/${org.incidentId}`,
    trigger: (page) => page.getByRole("group", { name: "Status actions" }).getByRole("button", { name: "Resolve" }),
    shown: (page) => page.getByRole("dialog", { name: "Resolve this incident" }),
  },
  {
    name: "incident grouping window (form dialog)",
    url: () => "/incidents",
    trigger: (page) => page.getByRole("button", { name: "Grouping settings" }),
    shown: (page) => page.getByRole("dialog", { name: "Incident grouping" }),
  },
  {
    name: "policy scope dialog (form dialog)",
    url: () => "/policies",
    trigger: (page) => page.getByRole("button", { name: /^Edit scope of / }).first(),
    shown: (page) => page.getByRole("dialog", { name: /^Scope of / }),
  },
  {
    name: "delete IP range (confirm dialog)",
    url: () => "/settings/ip-ranges",
    trigger: (page, org) => page.getByRole("button", { name: `Delete ${org.rangeName}` }),
    shown: (page) => page.getByRole("dialog", { name: /^Delete the IP range/ }),
  },
  {
    name: "sign out a portal user everywhere (confirm dialog)",
    url: () => "/settings/users",
    trigger: (page) => page.getByRole("button", { name: /^Sign out everywhere: / }).first(),
    shown: (page) => page.getByRole("dialog", { name: /^Sign out .* everywhere\?$/ }),
  },
  {
    name: "new IP range form",
    url: () => "/settings/ip-ranges",
    trigger: (page) => page.getByRole("button", { name: "New IP range" }),
    shown: (page) => page.getByRole("form", { name: "Create IP range" }),
  },
  {
    name: "new notification channel form",
    url: () => "/settings/notifications",
    trigger: (page) => page.getByRole("button", { name: "Add channel" }),
    shown: (page) => page.getByRole("form", { name: "Add channel" }),
  },
];
