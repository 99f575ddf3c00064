"use client";

import { useState } from "react";
import { fieldErrorProps, zodFieldErrors, type TFieldErrors, type TServerError } from "@/lib/client/form-errors";
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
  serverError: TServerError | null;
  onConfirm: (input: TCloseInput) => void;
  onClose: () => void;
}>;

/**
 * Resolve (Classification + Reason) or Dismiss (Reason): checked with the PATCH schema before it is sent;
 * the server's refusal is shown under the field it names.
 */
export function AlertCloseDialog({ status, subject, isBusy, serverError, onConfirm, onClose }: Props) {
  const [classification, setClassification] = useState<TAlertClassification | "">("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<TFieldErrors>({});
  const isResolve = status === "resolved";

  const confirm = () => {
    const input = { status, reason: reason.trim() || undefined, ...(classification ? { classification } : {}) };
    const parsed = ZAlertPatchInput.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    onConfirm({ status, classification: parsed.data.classification, reason: parsed.data.reason ?? "" });
  };

  const unnamed = serverError && !serverError.fields.classification && !serverError.fields.reason ? serverError.detail : null;
  return (
    <ConfirmDialog title={isResolve ? `Resolve ${subject}` : `Dismiss ${subject}`} confirmLabel={isResolve ? "Resolve" : "Dismiss"} isBusy={isBusy} onConfirm={confirm} onClose={onClose}>
      <p>{isResolve ? "Say what it was and why: both go into the alert's history." : "Say why it needs no action: the reason goes into the alert's history."}</p>
      {isResolve ? (
        <SelectField
          label="Classification"
          required
          value={classification}
          onChange={(e) => setClassification(e.target.value as TAlertClassification | "")}
          {...fieldErrorProps("classification", errors, serverError)}
        >
          <option value="">Choose…</option>
          {ALERT_CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {ALERT_CLASSIFICATION_LABELS[c]}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextAreaField label="Reason" required rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} className={PROSE_TEXTAREA} {...fieldErrorProps("reason", errors, serverError)} />
      {unnamed ? <Alert tone="error">{unnamed}</Alert> : null}
    </ConfirmDialog>
  );
}
