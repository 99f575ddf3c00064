"use client";

import { useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useRevertThreatList, useUploadThreatList } from "@/lib/client/hooks/use-ip-range-mutations";
import { threatListsQuery } from "@/lib/client/queries/ip-ranges";
import { THREAT_TAGS } from "@/lib/shared/schemas/ip-ranges";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { SelectField, TextField } from "../ui/field";
import { QueryState } from "../ui/query-state";
import { threatListFieldOf, ZThreatListForm } from "./threat-list-form";

/** Threat lists in force per tag, and (admins) the upload of a newer list that replaces the built-in one. */
export function ThreatListsCard({ isAdmin }: Readonly<{ isAdmin: boolean }>) {
  const lists = useQuery(threatListsQuery());
  const upload = useUploadThreatList();
  const revert = useRevertThreatList();
  // No defaultValues: the form is server-rendered, and registering reads what was typed before hydration (a default would overwrite it).
  const { register, handleSubmit, setError, formState } = useForm({ resolver: zodResolver(ZThreatListForm) });
  const formError = formErrorOf(formState.errors);
  const onUpload = handleSubmit((body) => upload.mutate(body, { onError: (error) => applyProblem(setError, error, { fieldOf: threatListFieldOf }) }));

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
          <SelectField label="Tag" defaultValue="tor" {...register("tag")}>
            {THREAT_TAGS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </SelectField>
          <TextField label="List file" type="file" accept=".txt,.csv,text/plain" {...register("file")} {...fieldErrorProps(formState.errors, "file")} />
          <TextField label="Source" placeholder="e.g. Tor Project exit list" {...register("source")} {...fieldErrorProps(formState.errors, "source")} />
          <Button type="submit" isBusy={upload.isPending}>
            Upload list
          </Button>
          {formError ? <div className="sm:col-span-4"><Alert tone="error">{formError}</Alert></div> : null}
          {upload.isSuccess ? <div className="sm:col-span-4"><Alert tone="success">List uploaded: the worker uses it within seconds.</Alert></div> : null}
        </form>
      ) : null}
    </Card>
  );
}
