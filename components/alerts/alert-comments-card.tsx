"use client";

import { useState, type FormEvent } from "react";
import { fieldErrorProps, toServerError, zodFieldErrors, type TFieldErrors } from "@/lib/client/form-errors";
import { useAddAlertComment } from "@/lib/client/hooks/use-alert-mutations";
import { ZAlertCommentInput, type TAlertCommentDto } from "@/lib/shared/schemas/alerts";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { TextAreaField } from "../ui/field";
import { LocalTime } from "../ui/local-time";
import { PROSE_TEXTAREA } from "./alert-format";

type Props = Readonly<{ alertId: string; comments: readonly TAlertCommentDto[]; canAct: boolean }>;

/** The analysts' notes on the alert, oldest first, and (analysts, admins) a box to add one. */
export function AlertCommentsCard({ alertId, comments, canAct }: Props) {
  const add = useAddAlertComment(alertId);
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<TFieldErrors>({});
  const server = add.error ? toServerError(add.error) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZAlertCommentInput.safeParse({ body });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    add.mutate(parsed.data, { onSuccess: () => setBody("") });
  };

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
          <form onSubmit={onSubmit} className="space-y-2">
            <TextAreaField label="Comment" rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} className={PROSE_TEXTAREA} {...fieldErrorProps("body", errors, server)} />
            {server && !server.fields.body ? <Alert tone="error">{server.detail}</Alert> : null}
            <Button type="submit" variant="secondary" isBusy={add.isPending}>
              Add comment
            </Button>
          </form>
        ) : null}
      </div>
    </Card>
  );
}
