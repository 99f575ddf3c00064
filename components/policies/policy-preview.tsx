"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { usePreviewPolicy } from "@/lib/client/hooks/use-policy-mutations";
import { Alert } from "../ui/alert";
import { formatDateTime } from "../ui/format";
import { PreviewBar } from "./policy-form-parts";
import { draftErrorsOf, ZPolicyPreviewForm, type TPolicyDraft } from "./policy-draft";

type Props = Readonly<{ draft: TPolicyDraft; onInvalid: (errors: Record<string, string>) => void }>;

/** Runs the draft over the stored activities of the last N days: how many alerts, with the newest examples. */
export function PolicyPreview({ draft, onInvalid }: Props) {
  // Its own form (not a nested <form>: the button is inside the editor's), fed the editor's current draft on click.
  const { register, handleSubmit, setValue, formState } = useForm({ resolver: zodResolver(ZPolicyPreviewForm), defaultValues: { draft, days: "7" } });
  const mutation = usePreviewPolicy();
  const onPreview = () => {
    setValue("draft", draft);
    void handleSubmit(
      (input) => {
        onInvalid({});
        mutation.mutate(input);
      },
      (errors) => onInvalid(draftErrorsOf(errors)),
    )();
  };
  const result = mutation.data;
  return (
    <section aria-label="Preview" className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <PreviewBar days={{ ...register("days"), error: formState.errors.days?.message }} isBusy={mutation.isPending} onPreview={onPreview}>
        Runs the policy over stored activities without saving it.
      </PreviewBar>
      {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      {result ? (
        <div className="space-y-2" data-testid="policy-preview-result">
          <p className="text-sm font-medium">
            Would have raised {result.alertCount.toLocaleString("en")} {result.alertCount === 1 ? "alert" : "alerts"} over the last {result.days} {result.days === 1 ? "day" : "days"} (
            {result.activitiesScanned.toLocaleString("en")} activities scanned).
          </p>
          {result.examples.length > 0 ? (
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
              {result.examples.map((example) => (
                <li key={`${example.firstActivityAt}-${example.user.accountId}-${example.title}`} className="py-2">
                  <p className="font-medium">{example.title}</p>
                  <p className="text-slate-600 dark:text-slate-400">{example.explanation}</p>
                  <p className="text-xs text-slate-500">
                    {example.user.email ?? example.user.name ?? example.user.accountId ?? "Unknown user"} · {formatDateTime(example.firstActivityAt)} – {formatDateTime(example.lastActivityAt)} ·{" "}
                    {example.activityCount} {example.activityCount === 1 ? "activity" : "activities"}
                  </p>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
