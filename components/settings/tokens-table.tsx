"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { tokenKeys } from "@/lib/client/queries/settings";
import type { TTokenDto } from "@/lib/shared/schemas/tokens";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { formatDateTime } from "../ui/format";

export function TokensTable({ tokens, showOwner }: Readonly<{ tokens: TTokenDto[]; showOwner: boolean }>) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch<TTokenDto>(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
  if (tokens.length === 0) return <p className="text-sm text-slate-500">No API tokens yet. Create one above to call the REST API from scripts.</p>;
  return (
    <div className="space-y-3">
      {revoke.isError ? <Alert tone="error">{revoke.error.message}</Alert> : null}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">Name</th>
              <th className="py-2 pr-4 font-medium">Token</th>
              {showOwner ? <th className="py-2 pr-4 font-medium">Owner</th> : null}
              <th className="py-2 pr-4 font-medium">Created</th>
              <th className="py-2 pr-4 font-medium">Last used</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {tokens.map((token) => (
              <tr key={token.id}>
                <td className="py-2 pr-4 font-medium">{token.name}</td>
                <td className="py-2 pr-4 font-mono text-xs">{token.prefix}…</td>
                {showOwner ? <td className="py-2 pr-4">{token.ownerEmail}</td> : null}
                <td className="py-2 pr-4" title={token.createdAt}>
                  {formatDateTime(token.createdAt)}
                </td>
                <td className="py-2 pr-4" title={token.lastUsedAt ?? undefined}>
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}
                </td>
                <td className="py-2 text-right">
                  {token.revokedAt ? (
                    <Badge tone="red">Revoked</Badge>
                  ) : (
                    <Button variant="danger" aria-label={`Revoke ${token.name}`} disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
