"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyProblem, fieldErrorProps, formErrorOf, hasFieldErrors } from "@/lib/client/forms";
import { ALERT_CLASSIFICATIONS, ALERT_CLASSIFICATION_LABELS, ZAlertPatchInput, type TAlertClassification } from "@/lib/shared/schemas/alerts";
import { Alert } from "../ui/alert";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SelectField, TextAreaField } from "../ui/field";
import { PROSE_TEXTAREA } from "./alert-format";

export type TCloseInput = Readonly<{ status: "resolved" | "dismissed"; classification?: TAlertClassification; reason: string }>;

type Props = Readonly<{
  status: "resolved" | "dismissed";
  /** What is being closed, e.g. "this alert" or "3 alerts". */
  subject: string;
  isBusy: boolean;
  /** The mutation's error: its problem's fields land on this form's fields. */
  serverError: Error | null;
  onConfirm: (input: TCloseInput) => void;
  onClose: () => void;
  /** Whose history the reason goes into: "alert" (default) or "incident". */
  noun?: string;
}>;

/** The dialog's values become the PATCH body (an empty choice or reason is left out) before the shared schema checks it. */
const closeSchema = (status: TCloseInput["status"]) =>
  z
    .object({ classification: z.string(), reason: z.string() })
    .transform((v): unknown => ({ status, reason: v.reason.trim() || undefined, ...(v.classification ? { classification: v.classification } : {}) }))
    .pipe(ZAlertPatchInput);

/**
 * Resolve (Classification + Reason) or Dismiss (Reason): checked with the PATCH schema before it is sent;
 * the server's refusal is shown under the field it names.
 */
export function AlertCloseDialog({ status, subject, isBusy, serverError, onConfirm, onClose, noun = "alert" }: Props) {
  const resolver = useMemo(() => zodResolver(closeSchema(status)), [status]);
  const { register, handleSubmit, setError, formState } = useForm({ resolver, defaultValues: { classification: "", reason: "" } });
  const { errors } = formState;
  const isResolve = status === "resolved";
  // The request runs in the parent (one alert or a bulk selection); its refusal is put on this form when it arrives.
  useEffect(() => {
    if (serverError) applyProblem(setError, serverError);
  }, [serverError, setError]);

  const confirm = handleSubmit((parsed) => onConfirm({ status, classification: parsed.classification, reason: parsed.reason ?? "" }));
  const formError = formErrorOf(errors);
  const unnamed = formError && !hasFieldErrors(errors) ? formError : null;
  return (
    <ConfirmDialog title={isResolve ? `Resolve ${subject}` : `Dismiss ${subject}`} confirmLabel={isResolve ? "Resolve" : "Dismiss"} isBusy={isBusy} onConfirm={() => void confirm()} onClose={onClose}>
      <p>{isResolve ? `Say what it was and why: both go into the ${noun}'s history.` : `Say why it needs no action: the reason goes into the ${noun}'s history.`}</p>
      {isResolve ? (
        <SelectField label="Classification" required {...fieldErrorProps(errors, "classification")} {...register("classification")}>
          <option value="">Choose…</option>
          {ALERT_CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {ALERT_CLASSIFICATION_LABELS[c]}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextAreaField label="Reason" required rows={3} maxLength={2000} className={PROSE_TEXTAREA} {...fieldErrorProps(errors, "reason")} {...register("reason")} />
      {unnamed ? <Alert tone="error">{unnamed}</Alert> : null}
    </ConfirmDialog>
  );
}
