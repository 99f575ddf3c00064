"use client";

import { useId, useState } from "react";
import type { UseMutationResult } from "@tanstack/react-query";
import { ALERT_STATUSES, ALERT_STATUS_LABELS, type TAlertAssigneeDto, type TAlertBulkInput, type TAlertBulkResult, type TAlertStatus } from "@/lib/shared/schemas/alerts";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { AlertCloseDialog, type TCloseInput } from "./alert-close-dialog";

type Props = Readonly<{
  selectedIds: readonly string[];
  titles: ReadonlyMap<string, string>;
  assignees: readonly TAlertAssigneeDto[];
  onDone: () => void;
  /** The list's bulk mutation (POST /api/v1/alerts/bulk or /api/v1/incidents/bulk: the same body and answer). */
  bulk: UseMutationResult<TAlertBulkResult, Error, TAlertBulkInput>;
  /** What the rows are: "alert" (default) or "incident". */
  noun?: string;
}>;

const CONTROL = "max-w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
const UNASSIGN = "__unassigned";

/** Change status and/or assignee of the selected alerts (or incidents); resolving or dismissing asks for the reason (and classification) first. */
export function AlertBulkBar({ selectedIds, titles, assignees, onDone, bulk, noun = "alert" }: Props) {
  const id = useId();
  const plural = (n: number) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const [status, setStatus] = useState<TAlertStatus | "">("");
  const [assignee, setAssignee] = useState("");
  const [closing, setClosing] = useState<"resolved" | "dismissed" | null>(null);
  const [result, setResult] = useState<TAlertBulkResult | null>(null);
  const count = selectedIds.length;

  const send = (extra: Partial<TCloseInput> = {}) => {
    const input: TAlertBulkInput = {
      ids: [...selectedIds],
      ...(status ? { status } : {}),
      ...(assignee ? { assigneeId: assignee === UNASSIGN ? null : assignee } : {}),
      ...(extra.classification ? { classification: extra.classification } : {}),
      ...(extra.reason ? { reason: extra.reason } : {}),
    };
    bulk.mutate(input, {
      onSuccess: (answer) => {
        setResult(answer);
        setClosing(null);
        setStatus("");
        setAssignee("");
        onDone();
      },
    });
  };

  const onApply = () => {
    setResult(null);
    if (status === "resolved" || status === "dismissed") setClosing(status);
    else send();
  };

  return (
    <div className="space-y-2">
      {count > 0 ? (
        <div role="group" aria-label="Bulk actions" className="flex flex-wrap items-end gap-3 rounded-md border border-brand-500/30 bg-brand-50 px-3 py-2 dark:bg-brand-700/10">
          <p className="self-center text-sm font-medium" aria-live="polite">
            {plural(count)} selected
          </p>
          <div className="flex flex-col gap-1 text-sm">
            <label htmlFor={`${id}-status`}>Change status</label>
            <select id={`${id}-status`} className={CONTROL} value={status} onChange={(e) => setStatus(e.target.value as TAlertStatus | "")}>
              <option value="">No change</option>
              {ALERT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ALERT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1 text-sm">
            <label htmlFor={`${id}-assignee`}>Assign to</label>
            <select id={`${id}-assignee`} className={CONTROL} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">No change</option>
              <option value={UNASSIGN}>Unassigned</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.email})
                </option>
              ))}
            </select>
          </div>
          <Button onClick={onApply} disabled={!status && !assignee} isBusy={bulk.isPending && closing === null}>
            Apply to {plural(count)}
          </Button>
        </div>
      ) : null}
      {bulk.error && closing === null ? <Alert tone="error">{bulk.error.message}</Alert> : null}
      {result ? <BulkResult result={result} titles={titles} plural={plural} /> : null}
      {closing ? (
        <AlertCloseDialog
          status={closing}
          subject={plural(count)}
          isBusy={bulk.isPending}
          serverError={bulk.error}
          noun={noun}
          onConfirm={(input) => send(input)}
          onClose={() => {
            bulk.reset();
            setClosing(null);
          }}
        />
      ) : null}
    </div>
  );
}

function BulkResult({ result, titles, plural }: Readonly<{ result: TAlertBulkResult; titles: ReadonlyMap<string, string>; plural: (n: number) => string }>) {
  if (result.failed.length === 0) return <Alert tone="success">Updated {plural(result.updated)}.</Alert>;
  return (
    <Alert tone="error">
      Updated {plural(result.updated)}; {plural(result.failed.length)} could not be changed:
      <ul className="mt-1 list-disc pl-5">
        {result.failed.map((f) => (
          <li key={f.id}>
            {titles.get(f.id) ?? f.id}: {f.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
