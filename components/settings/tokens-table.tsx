"use client";

import { useRevokeToken } from "@/lib/client/hooks/use-settings-mutations";
import type { TTokenDto } from "@/lib/shared/schemas/tokens";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { formatDateTime } from "../ui/format";
import { DataTable } from "../ui/data-table";

const isExpired = (token: TTokenDto) => token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.now();

export function TokensTable({ tokens, showOwner }: Readonly<{ tokens: TTokenDto[]; showOwner: boolean }>) {
  const revoke = useRevokeToken();
  if (tokens.length === 0) return <p className="text-sm text-slate-500">No API tokens yet. Create one above to call the REST API from scripts.</p>;
  return (
    <div className="space-y-3">
      {revoke.isError ? <Alert tone="error">{revoke.error.message}</Alert> : null}
      <DataTable columns={[{ label: "Name" }, { label: "Token" }, ...(showOwner ? [{ label: "Owner" }] : []), { label: "Created" }, { label: "Expires" }, { label: "Last used" }, { label: "Actions", isLabelHidden: true }]}>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td className="py-2 pr-4 font-medium">{token.name}</td>
                <td className="py-2 pr-4 font-mono text-xs">{token.prefix}…</td>
                {showOwner ? <td className="py-2 pr-4">{token.ownerEmail}</td> : null}
                <td className="py-2 pr-4" title={token.createdAt}>
                  {formatDateTime(token.createdAt)}
                </td>
                <td className="py-2 pr-4" title={token.expiresAt ?? undefined}>
                  {token.expiresAt ? formatDateTime(token.expiresAt) : "Never"}
                </td>
                <td className="py-2 pr-4" title={token.lastUsedAt ?? undefined}>
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}
                </td>
                <td className="py-2 text-right">
                  {token.revokedAt ? (
                    <Badge tone="red">Revoked</Badge>
                  ) : isExpired(token) ? (
                    <Badge tone="amber">Expired</Badge>
                  ) : (
                    <Button variant="danger" aria-label={`Revoke ${token.name}`} disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
    </div>
  );
}
