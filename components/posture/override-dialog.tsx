"use client";

import { useId, useState } from "react";
import type { TRecommendationStateDto } from "@/lib/shared/schemas/posture";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ModalDialog } from "../ui/modal-dialog";

type Props = Readonly<{
  title: string;
  state: Exclude<TRecommendationStateDto, "active">;
  isBusy: boolean;
  error: string | null;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}>;

const COPY = {
  risk_accepted: { heading: "Accept the risk", confirm: "Accept risk", hint: "Why is this risk acceptable? For example: compensating controls, a planned date." },
  resolved_alternative: { heading: "Resolved through an alternative", confirm: "Mark as resolved", hint: "Which alternative control covers this? For example: SSO with MFA at the identity provider." },
} as const;

/**
 * Asks for the reason of an override (modal, native <dialog>). The recommendation then leaves the score's
 * denominator; the change is recorded in the portal audit log.
 */
export function OverrideDialog({ title, state, isBusy, error, onSubmit, onClose }: Props) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const tooShort = reason.trim().length < 3;
  const copy = COPY[state];
  return (
    <ModalDialog labelledBy={`${id}-title`} isBusy={isBusy} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!tooShort) onSubmit(reason.trim());
        }}
      >
        <div className="space-y-3 px-5 py-4">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {copy.heading}: {title}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-300">It leaves the secure score&apos;s denominator and shows as “{copy.confirm === "Accept risk" ? "Risk accepted" : "Resolved through an alternative"}”. Admins can reactivate it at any time.</p>
          <div className="space-y-1">
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
              Reason
            </label>
            <textarea
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
              maxLength={1000}
              aria-invalid={touched && tooShort ? true : undefined}
              aria-describedby={`${id}-hint`}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
            />
            <p id={`${id}-hint`} className={`text-xs ${touched && tooShort ? "text-red-600" : "text-slate-500"}`}>
              {touched && tooShort ? "Give a reason (at least 3 characters)." : copy.hint}
            </p>
          </div>
          {error ? <Alert tone="error">{error}</Alert> : null}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
          <Button type="button" variant="secondary" onClick={onClose} disabled={isBusy}>
            Cancel
          </Button>
          <Button type="submit" isBusy={isBusy}>
            {copy.confirm}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
