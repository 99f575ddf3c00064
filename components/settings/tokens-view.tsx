"use client";

import { useQuery } from "@tanstack/react-query";
import { tokensQuery } from "@/lib/client/queries/settings";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { CreateTokenForm } from "./create-token-form";
import { TokensTable } from "./tokens-table";

export function TokensView({ isAdmin }: Readonly<{ isAdmin: boolean }>) {
  const tokens = useQuery(tokensQuery());
  return (
    <div className="space-y-6">
      <Card
        title="Create a personal API token"
        description={
          <>
            Calls to <code>/api/v1/*</code> with <code>Authorization: Bearer &lt;token&gt;</code> act with your role. Only a hash is stored.
          </>
        }
      >
        <CreateTokenForm />
      </Card>
      <Card title={isAdmin ? "All API tokens" : "Your API tokens"}>
        <QueryState isPending={tokens.isPending} error={tokens.error} onRetry={() => void tokens.refetch()}>
          <TokensTable tokens={tokens.data ?? []} showOwner={isAdmin} />
        </QueryState>
      </Card>
    </div>
  );
}
