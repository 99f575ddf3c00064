"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { threatListKeys, threatListsQuery } from "@/lib/client/queries/ip-ranges";
import { parseThreatListText } from "@/lib/enrichment/threat-list-file";
import { THREAT_TAGS, type TThreatListDto } from "@/lib/shared/schemas/ip-ranges";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { SelectField, TextField } from "../ui/field";
import { QueryState } from "../ui/query-state";

type Upload = { tag: string; body: { source: string; listDate?: string; cidrs: string[] } };

/** Threat lists in force per tag, and (admins) the upload of a newer list that replaces the built-in one. */
export function ThreatListsCard({ isAdmin }: Readonly<{ isAdmin: boolean }>) {
  const queryClient = useQueryClient();
  const lists = useQuery(threatListsQuery());
  const [formError, setFormError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: ({ tag, body }: Upload) => apiFetch<{ data: TThreatListDto[] }>(`/api/v1/threat-lists/${tag}`, { method: "PUT", json: body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: threatListKeys.all }),
  });
  const revert = useMutation({
    mutationFn: (tag: string) => apiFetch<{ data: TThreatListDto[] }>(`/api/v1/threat-lists/${tag}`, { method: "DELETE" }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: threatListKeys.all }),
  });

  const onUpload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setFormError("Choose a list file (one CIDR or address per line)");
    const parsed = parseThreatListText(await file.text());
    const first = parsed.invalid[0];
    if (first) return setFormError(`Line ${first.line} is not a CIDR or address: “${first.text.slice(0, 60)}”`);
    if (parsed.cidrs.length === 0) return setFormError("The file lists no addresses");
    setFormError(null);
    const source = String(form.get("source") ?? "").trim() || parsed.source || file.name;
    upload.mutate({ tag: String(form.get("tag")), body: { source, ...(parsed.date ? { listDate: parsed.date } : {}), cidrs: parsed.cidrs.map((c) => c.canonical) } });
  };

  return (
    <Card title="Threat lists" description="Addresses on these lists get the tag and the Risky category, unless one of your IP ranges covers them (your ranges win).">
      <QueryState isPending={lists.isPending} error={lists.error} onRetry={() => void lists.refetch()}>
        <DataTable columns={[{ label: "Tag" }, { label: "List" }, { label: "Entries" }, { label: "Date" }, { label: "Source" }, { label: "Actions", isLabelHidden: true }]}>
          {(lists.data ?? []).map((list) => (
            <tr key={list.tag} data-testid={`threat-list-${list.tag}`}>
              <td className="py-2 pr-4 font-mono text-xs">{list.tag}</td>
              <td className="py-2 pr-4">{list.origin === "uploaded" ? <Badge tone="brand">Uploaded</Badge> : list.entryCount > 0 ? <Badge>Built-in</Badge> : <Badge>None</Badge>}</td>
              <td className="py-2 pr-4 tabular-nums">{list.entryCount.toLocaleString("en")}</td>
              <td className="py-2 pr-4">{list.listDate ?? "–"}</td>
              <td className="max-w-md py-2 pr-4 text-xs text-slate-600 dark:text-slate-400">{list.source}</td>
              <td className="py-2 text-right">
                {isAdmin && list.origin === "uploaded" ? (
                  <Button variant="secondary" aria-label={`Use the built-in ${list.tag} list`} isBusy={revert.isPending && revert.variables === list.tag} onClick={() => revert.mutate(list.tag)}>
                    Use built-in
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      </QueryState>
      {isAdmin ? (
        <form onSubmit={(e) => void onUpload(e)} aria-label="Upload threat list" className="mt-4 grid items-end gap-3 border-t border-slate-200 pt-4 sm:grid-cols-4 dark:border-slate-800">
          <SelectField label="Tag" name="tag" defaultValue="tor">
            {THREAT_TAGS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </SelectField>
          <TextField label="List file" name="file" type="file" accept=".txt,.csv,text/plain" />
          <TextField label="Source" name="source" placeholder="e.g. Tor Project exit list" />
          <Button type="submit" isBusy={upload.isPending}>
            Upload list
          </Button>
          {formError ? <div className="sm:col-span-4"><Alert tone="error">{formError}</Alert></div> : null}
          {upload.isError ? <div className="sm:col-span-4"><Alert tone="error">{upload.error.message}</Alert></div> : null}
          {upload.isSuccess ? <div className="sm:col-span-4"><Alert tone="success">List uploaded: the worker uses it within seconds.</Alert></div> : null}
        </form>
      ) : null}
    </Card>
  );
}
