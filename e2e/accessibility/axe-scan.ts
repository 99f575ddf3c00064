// One axe-core scan of what a page shows now, reduced to the findings that fail the accessibility suite.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.0 and 2.1, levels A and AA: what issue 25 §5 asks the portal to meet. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** Moderate and minor findings are reported by axe too; the suite fails on these two. */
const FAILING_IMPACTS = new Set(["serious", "critical"]);
const NODES_SHOWN = 4;

type TTheme = "light" | "dark";

/**
 * Nodes left out of the scan, each with the reason: only third-party markup we cannot change, never a whole
 * rule. Empty: every finding so far was in our own components and was fixed.
 */
const EXCLUDED_NODES: readonly Readonly<{ selector: string; reason: string }>[] = [];

/** The theme the page shows now (the app sets the class "dark" on <html>). */
const themeOf = async (page: Page): Promise<TTheme> => ((await page.locator("html").getAttribute("class"))?.split(/\s+/).includes("dark") ? "dark" : "light");

/** Waits until the page's client queries have answered: no loading placeholder left. */
export const settle = async (page: Page) => {
  await page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => undefined);
  await expect(page.getByText("Loading…")).toHaveCount(0, { timeout: 15_000 });
};

/**
 * Switches to the other theme the way a user does: the header's toggle (it sets the class on <html> and stores
 * the choice). Pages without the app shell (sign-in, setup) follow prefers-color-scheme when nothing is stored
 * (app/layout.tsx), so there the emulated colour scheme flips and the page reloads.
 */
export const switchTheme = async (page: Page): Promise<TTheme> => {
  const next: TTheme = (await themeOf(page)) === "dark" ? "light" : "dark";
  const toggle = page.getByRole("button", { name: /^Switch to (light|dark) theme$/ });
  if ((await toggle.count()) > 0) {
    await toggle.click();
  } else {
    await page.emulateMedia({ colorScheme: next });
    await page.reload();
    await settle(page);
  }
  await expect.poll(() => themeOf(page), { message: `theme after switching to ${next}` }).toBe(next);
  // Buttons fade their colours (transition-colors): contrast is measured once the fades have ended.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  return next;
};

/** Runs axe over the page and returns one line per serious or critical violation: rule, where, theme, a few nodes. */
export const scan = async (page: Page, where: string): Promise<string[]> => {
  // Only violations are collected in full: passes over hundreds of table cells would double the time.
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ["violations"] });
  for (const { selector } of EXCLUDED_NODES) builder = builder.exclude(selector);
  const [{ violations }, theme] = await Promise.all([builder.analyze(), themeOf(page)]);
  return violations
    .filter((v) => FAILING_IMPACTS.has(v.impact ?? ""))
    .map((v) => {
      const targets = v.nodes.slice(0, NODES_SHOWN).map((n) => n.target.join(" "));
      const more = v.nodes.length > NODES_SHOWN ? ` (+${v.nodes.length - NODES_SHOWN} more)` : "";
      const why = v.nodes[0]?.failureSummary?.split("\n").slice(1, 2).join("").trim();
      return `${where} (${theme}): ${v.id} [${v.impact}] ${v.nodes.length} node(s): ${targets.join(" | ")}${more}${why ? ` — ${why}` : ""}`;
    });
};

/** Scans the page in the theme it shows, switches to the other one, and scans again. */
export const scanBothThemes = async (page: Page, where: string): Promise<string[]> => {
  const first = await scan(page, where);
  await switchTheme(page);
  return [...first, ...(await scan(page, where))];
};
