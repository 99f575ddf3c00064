import { CONNECTOR_FEATURES, FEATURE_SCOPES } from "@/lib/shared/atlassian-scopes";

/** The scopes each feature needs, for admins creating an API key "with scopes" (the connect wizard). */
export function ScopesHelp() {
  return (
    <div className="space-y-2">
      <h3 className="font-semibold text-slate-900 dark:text-slate-100">API key with scopes?</h3>
      <p>A key without scopes allows everything. A key with scopes needs these for each feature (Connect checks which the key has):</p>
      <ul className="space-y-1" aria-label="Scopes each feature needs">
        {CONNECTOR_FEATURES.map((feature) => {
          const { label, scopes, isRequired } = FEATURE_SCOPES[feature];
          return (
            <li key={feature}>
              {label}
              {isRequired ? " (required)" : ""}:{" "}
              {scopes.map((scope) => (
                <code key={scope} className="mr-1 break-all rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">
                  {scope}
                </code>
              ))}
            </li>
          );
        })}
      </ul>
      <p className="text-xs">Without a write scope the connector still connects; the governance actions that need it are turned off.</p>
    </div>
  );
}
