"use client";

import { useQuery } from "@tanstack/react-query";
import { useSetSiteProtected } from "@/lib/client/hooks/use-session-proxy-mutations";
import { connectorSitesQuery } from "@/lib/client/queries/sites";
import type { TSiteDto } from "@/lib/shared/schemas/sites";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { CopyButton } from "../ui/copy-button";
import { DataTable } from "../ui/data-table";
import { formatDateTime } from "../ui/format";
import { QueryState } from "../ui/query-state";

type Props = Readonly<{ connectorId: string; isAdmin: boolean }>;

const SWITCH_LABEL = "Protect through the session proxy";

function ProxiedUrl({ site }: Readonly<{ site: TSiteDto }>) {
  if (!site.proxiedUrl) return <span className="text-slate-500">Not protected</span>;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code data-testid="proxied-url" className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs dark:bg-slate-800">
        {site.proxiedUrl}
      </code>
      <CopyButton value={site.proxiedUrl} label="Copy URL" />
    </div>
  );
}

/**
 * The org's Atlassian sites (from the workspaces listing) with the session-proxy switch: while it is on, the proxy
 * serves the site at its proxied URL, which is what users are given instead of the site's own.
 */
export function SitesCard({ connectorId, isAdmin }: Props) {
  const sites = useQuery(connectorSitesQuery(connectorId));
  const mutation = useSetSiteProtected(connectorId);
  const rows = sites.data?.data ?? [];
  return (
    <Card title="Sites" description="The organization's Atlassian sites. A protected site is reached through Watchpost's session proxy, which logs every session's activity and device.">
      <QueryState isPending={sites.isPending} error={sites.data ? null : sites.error} onRetry={() => void sites.refetch()}>
        {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
        {rows.length === 0 ? (
          <div className="space-y-2 text-sm text-slate-500" data-testid="sites-empty">
            <p>No sites found yet: they appear after the connector&apos;s next directory sync reads the organization&apos;s workspaces.</p>
            {sites.data?.canListSites === false ? (
              <p>This connector&apos;s API key lacks the scope read:workspaces:admin, so it cannot list sites: rotate in a key with that scope (or one without scopes).</p>
            ) : null}
          </div>
        ) : (
          <DataTable columns={[{ label: "Site" }, { label: "Products" }, { label: "Last seen" }, { label: "Protected" }, { label: "Proxied URL to give users" }]}>
            {rows.map((site) => (
              <tr key={site.id} data-testid={`site-${site.host}`}>
                <td className="py-2 pr-4 font-mono text-xs">{site.host}</td>
                <td className="py-2 pr-4">
                  <div className="flex flex-wrap gap-1">
                    {site.products.map((p) => (
                      <Badge key={p}>{p}</Badge>
                    ))}
                  </div>
                </td>
                <td className="py-2 pr-4 whitespace-nowrap" title={`${site.lastSeenAt} (UTC)`}>
                  {formatDateTime(site.lastSeenAt)}
                </td>
                <td className="py-2 pr-4">
                  {isAdmin ? (
                    <input
                      type="checkbox"
                      role="switch"
                      aria-label={`${SWITCH_LABEL}: ${site.host}`}
                      checked={site.isProtected}
                      disabled={mutation.isPending}
                      onChange={(e) => mutation.mutate({ siteId: site.id, isProtected: e.target.checked })}
                      className="size-4 accent-brand-600"
                    />
                  ) : (
                    <Badge tone={site.isProtected ? "green" : "neutral"}>{site.isProtected ? "Protected" : "Not protected"}</Badge>
                  )}
                </td>
                <td className="py-2">
                  <ProxiedUrl site={site} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
