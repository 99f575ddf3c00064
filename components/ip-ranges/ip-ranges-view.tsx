"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ipRangesQuery } from "@/lib/client/queries/ip-ranges";
import type { TIpRangeDto } from "@/lib/shared/schemas/ip-ranges";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { IpRangeForm } from "./ip-range-form";
import { IpRangesTable } from "./ip-ranges-table";
import { ThreatListsCard } from "./threat-lists-card";

type Editing = { kind: "new" } | { kind: "edit"; range: TIpRangeDto } | null;

export function IpRangesView({ isAdmin }: Readonly<{ isAdmin: boolean }>) {
  const ranges = useQuery(ipRangesQuery());
  const [editing, setEditing] = useState<Editing>(null);
  return (
    <div className="space-y-6">
      {editing ? (
        <Card title={editing.kind === "new" ? "New IP range" : `Edit ${editing.range.name}`}>
          <IpRangeForm key={editing.kind === "edit" ? editing.range.id : "new"} range={editing.kind === "edit" ? editing.range : undefined} onDone={() => setEditing(null)} />
        </Card>
      ) : null}
      <Card
        title="IP ranges"
        description="Your own ranges: their category and tags replace any threat-list tags, and their location override replaces GeoIP."
        actions={
          isAdmin && !editing ? (
            <Button onClick={() => setEditing({ kind: "new" })}>New IP range</Button>
          ) : null
        }
      >
        <QueryState isPending={ranges.isPending} error={ranges.error} onRetry={() => void ranges.refetch()}>
          <IpRangesTable ranges={ranges.data ?? []} isAdmin={isAdmin} onEdit={(range) => setEditing({ kind: "edit", range })} />
        </QueryState>
      </Card>
      <ThreatListsCard isAdmin={isAdmin} />
    </div>
  );
}
