"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { usePreviewSessionPolicy } from "@/lib/client/hooks/use-session-policy-mutations";
import { ZSessionPolicyPreviewInput, type TCreateSessionPolicyInput } from "@/lib/shared/schemas/session-policies";
import { PreviewBar } from "../policies/policy-form-parts";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { formatCount, formatDateTime } from "../ui/format";

type Props = Readonly<{
  /** The editor's policy checked with the shared schema (its errors shown by their fields), or null when invalid. */
  validPolicy: () => Promise<TCreateSessionPolicyInput | null>;
}>;

/** The days box alone, checked with the shared preview schema's own rule. */
const ZDaysForm = z
  .object({ days: z.string() })
  .transform(({ days }) => ({ days: Number(days) }))
  .pipe(z.object({ days: ZSessionPolicyPreviewInput.shape.days.unwrap() }));

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Runs the draft over recorded session activity: how many requests it would have blocked or logged, with examples. */
export function SessionPolicyPreview({ validPolicy }: Props) {
  // Its own form (not a nested <form>: the button sits inside the editor's).
  const { register, handleSubmit, formState } = useForm({ resolver: zodResolver(ZDaysForm), defaultValues: { days: "7" } });
  const mutation = usePreviewSessionPolicy();
  const onPreview = () =>
    void handleSubmit(async ({ days }) => {
      const policy = await validPolicy();
      if (policy) mutation.mutate({ policy, days });
    })();
  const result = mutation.data;
  return (
    <section aria-label="Preview" className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <PreviewBar days={{ ...register("days"), error: formState.errors.days?.message }} isBusy={mutation.isPending} onPreview={onPreview}>
        Runs the policy over recorded session activity without saving it.
      </PreviewBar>
      {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      {result ? (
        <div className="space-y-2" data-testid="session-policy-preview-result">
          <p className="text-sm font-medium">
            Would have blocked {plural(result.blockedCount, "request", "requests")} and logged {plural(result.auditedCount, "request", "requests")} over the last{" "}
            {plural(result.days, "day", "days")} ({plural(result.activitiesScanned, "session request", "session requests")} read).
          </p>
          {result.isCapped ? <p className="text-xs text-amber-700 dark:text-amber-300">Stopped at the newest {formatCount(result.activitiesScanned)} requests: older ones in the window were not read.</p> : null}
          {result.unknownSizeCount > 0 ? (
            <p className="text-xs text-slate-500">{plural(result.unknownSizeCount, "download", "downloads")} recorded no file size, so the size filter could not match them.</p>
          ) : null}
          {result.examples.length > 0 ? (
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
              {result.examples.map((example) => (
                <li key={example.activityId} className="space-y-0.5 py-2">
                  <p>
                    <Badge tone={example.outcome === "blocked" ? "red" : "amber"}>{example.outcome}</Badge>{" "}
                    <span className="font-medium">{example.actionName ?? example.action}</span>
                    {example.object ? ` · ${example.object}` : ""}
                  </p>
                  <p className="text-slate-600 dark:text-slate-400">Why: {example.why}</p>
                  <p className="text-xs text-slate-500">
                    {example.user.email ?? example.user.name ?? example.user.accountId ?? "Anonymous"} · {formatDateTime(example.time)} ·{" "}
                    <Link className="text-brand-700 underline dark:text-brand-300" href={`/activities?activity=${encodeURIComponent(example.activityId)}`}>
                      Open activity
                    </Link>
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No recorded session request matches.</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
