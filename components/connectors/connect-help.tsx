import { Button } from "../ui/button";
import { ScopesHelp } from "./scopes-help";

export type TDemoOrg = Readonly<{ orgId: string; apiKey: string; baseUrl: string; isRunning: boolean }>;

const Code = ({ children }: Readonly<{ children: string }>) => (
  <code className="break-all rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100">{children}</code>
);

/** Where the Organization ID and key come from, and the demo org's values for a first try. */
export function ConnectHelp({ demo, onUseDemo }: Readonly<{ demo: TDemoOrg; onUseDemo: () => void }>) {
  return (
    <aside aria-label="Where to find these values" className="space-y-4 text-sm text-slate-600 dark:text-slate-300">
      <div className="space-y-2">
        <h3 className="font-semibold text-slate-900 dark:text-slate-100">Where to find these</h3>
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            Open{" "}
            <a href="https://admin.atlassian.com" target="_blank" rel="noreferrer" className="text-brand-600 underline dark:text-brand-100">
              admin.atlassian.com
            </a>{" "}
            as an <strong>organization admin</strong> and select the organization.
          </li>
          <li>
            Go to <strong>Settings → API keys</strong> and create a key. Pick its expiry there (at most one year) and enter the same date under
            Advanced.
          </li>
          <li>Copy the Organization ID and the API key that Atlassian shows: the key is shown only once.</li>
        </ol>
        <p className="text-xs">The key is checked against the Atlassian API before anything is saved, then stored encrypted.</p>
      </div>
      <ScopesHelp />
      <div className="space-y-2 rounded-md border border-sky-200 bg-sky-50 p-3 dark:border-sky-900 dark:bg-sky-950/60">
        <h3 className="font-semibold text-slate-900 dark:text-slate-100">Just trying Watchpost?</h3>
        <p>
          <code className="font-mono text-xs">npm start</code> also runs a demo Atlassian organization (a simulator with 30 days of history and
          live activity).
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt>Organization ID</dt>
          <dd>
            <Code>{demo.orgId}</Code>
          </dd>
          <dt>API key</dt>
          <dd>
            <Code>{demo.apiKey}</Code>
          </dd>
          <dt>API base URL</dt>
          <dd>
            <Code>{demo.baseUrl}</Code>
          </dd>
        </dl>
        {demo.isRunning ? null : <p className="text-xs">The demo organization is turned off on this server (WATCHPOST_DEMO=0, or a WATCHPOST_URL other than localhost).</p>}
        <Button type="button" variant="secondary" onClick={onUseDemo}>
          Use the demo organization
        </Button>
      </div>
    </aside>
  );
}
