"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import type { UseMutationResult } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { ZAlertCommentInput, type TAlertCommentDto, type TAlertCommentInput } from "@/lib/shared/schemas/alerts";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { TextAreaField } from "../ui/field";
import { LocalTime } from "../ui/local-time";
import { PROSE_TEXTAREA } from "./alert-format";

type Props = Readonly<{
  comments: readonly TAlertCommentDto[];
  canAct: boolean;
  /** POST …/alerts/{id}/comments or …/incidents/{id}/comments (the same body and answer). */
  add: UseMutationResult<TAlertCommentDto, Error, TAlertCommentInput>;
}>;

/** The analysts' notes on the alert (or incident), oldest first, and (analysts, admins) a box to add one. */
export function AlertCommentsCard({ comments, canAct, add }: Props) {
  // No defaultValues: the form is server-rendered, and registering reads what was typed before hydration (a default would overwrite it).
  const { register, handleSubmit, reset, setError, formState } = useForm({ resolver: zodResolver(ZAlertCommentInput) });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((input) => add.mutate(input, { onSuccess: () => reset(), onError: (error) => applyProblem(setError, error) }));

  return (
    <Card title="Comments">
      <div className="space-y-4">
        {comments.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No comments yet.</p>
        ) : (
          <ul aria-label="Comments" className="space-y-3">
            {comments.map((c) => (
              <li key={c.id} data-testid="alert-comment" className="rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  <span className="font-medium text-slate-700 dark:text-slate-200" title={c.author.email}>
                    {c.author.name}
                  </span>{" "}
                  ·{" "}
                  <LocalTime iso={c.createdAt} />
                </p>
                <p className="mt-1 break-words whitespace-pre-wrap">{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        {canAct ? (
          <form onSubmit={(e) => void onSubmit(e)} className="space-y-2">
            <TextAreaField label="Comment" rows={3} maxLength={5000} className={PROSE_TEXTAREA} {...fieldErrorProps(errors, "body")} {...register("body")} />
            {formError && !errors.body ? <Alert tone="error">{formError}</Alert> : null}
            <Button type="submit" variant="secondary" isBusy={add.isPending}>
              Add comment
            </Button>
          </form>
        ) : null}
      </div>
    </Card>
  );
}
