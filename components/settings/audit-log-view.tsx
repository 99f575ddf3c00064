"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { auditKeys, fetchAuditPage } from "@/lib/client/queries/settings";
import { AUDIT_ACTIONS } from "@/lib/shared/schemas/audit";
import { LoadMore } from "../ui/load-more";
import { Card } from "../ui/card";
import { formatDateTime } from "../ui/format";
import { QueryState } from "../ui/query-state";
import { DataTable } from "../ui/data-table";

export function AuditLogView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const action = searchParams.get("action") ?? undefined;
  const query = useInfiniteQuery({
    queryKey: auditKeys.list(action),
    queryFn: ({ pageParam }) => fetchAuditPage({ cursor: pageParam, action }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];

  const onActionChange = (value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set("action", value);
    else next.delete("action");
    router.replace(`${pathname}${next.size ? `?${next.toString()}` : ""}`);
  };

  return (
    <Card
      title="Portal audit log"
      description="Sign-ins, failed sign-ins, user and role changes, API token creation and revocation."
      actions={
        <label className="flex items-center gap-2 text-sm">
          <span>Action</span>
          <select
            value={action ?? ""}
            onChange={(e) => onActionChange(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">No audit events{action ? " for this action" : ""} yet.</p>
        ) : (
          <DataTable label="Audit log" columns={[{ label: "Time" }, { label: "Action" }, { label: "Actor" }, { label: "Target" }, { label: "IP" }, { label: "Details" }]}>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td className="whitespace-nowrap py-2 pr-4" title={row.at}>
                      {formatDateTime(row.at)}
                    </td>
                    <td className="py-2 pr-4 font-mono text-xs">{row.action}</td>
                    <td className="py-2 pr-4">{row.actorEmail ?? "—"}</td>
                    <td className="py-2 pr-4">{row.targetName ?? "—"}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{row.ip ?? "—"}</td>
                    <td className="py-2 font-mono text-xs text-slate-500">
                      {row.details ? Object.entries(row.details).map(([k, v]) => `${k}=${String(v)}`).join(" ") : ""}
                    </td>
                  </tr>
                ))}
              </DataTable>
        )}
        <LoadMore query={query} />
      </QueryState>
    </Card>
  );
}
