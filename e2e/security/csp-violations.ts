// Collects the Content-Security-Policy violations of every page a browser context opens (the browser's
// `securitypolicyviolation` events), so a spec can require none: a script the policy refuses is a page that
// does not hydrate, or an injected script that was stopped. See docs/security.md.
import type { BrowserContext } from "@playwright/test";

type TViolation = Readonly<{ directive: string; blocked: string; source: string; sample: string }>;

/**
 * Starts collecting on `context` (before its first page is opened). The listener is installed as an init
 * script and reports through a binding; both come in over the DevTools protocol, so the CSP does not apply to them.
 */
export const watchCspViolations = async (context: BrowserContext): Promise<string[]> => {
  const violations: string[] = [];
  await context.exposeBinding("__reportCspViolation", ({ page }, violation: TViolation) => {
    violations.push(`${page.url()}: ${violation.directive} refused ${violation.blocked || "inline"}${violation.source ? ` (${violation.source})` : ""}${violation.sample ? ` "${violation.sample}"` : ""}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (v: TViolation) => void }).__reportCspViolation;
      void report({ directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile ? `${event.sourceFile}:${event.lineNumber}` : "", sample: event.sample });
    });
  });
  return violations;
};
