"use client";

import { useState } from "react";
import { ALERT_TRANSITIONS, type TAlertPatchInput, type TAlertStatus } from "@/lib/shared/schemas/alerts";
import { Button } from "../ui/button";
import { AlertCloseDialog } from "./alert-close-dialog";

type Props = Readonly<{
  status: TAlertStatus;
  isBusy: boolean;
  serverError: Error | null;
  onChange: (patch: TAlertPatchInput, onDone: () => void) => void;
  onDialogClose: () => void;
  /** "this alert" (default) or "this incident": the dialog's title and whose history it names. */
  noun?: string;
}>;

/** The buttons of the transitions allowed from the current status (ALERT_TRANSITIONS); Resolve and Dismiss ask first. */
export function AlertStatusActions({ status, isBusy, serverError, onChange, onDialogClose, noun = "alert" }: Props) {
  const [closing, setClosing] = useState<"resolved" | "dismissed" | null>(null);
  const allowed = ALERT_TRANSITIONS[status];
  const isClosed = status === "resolved" || status === "dismissed";
  return (
    <>
      <div role="group" aria-label="Status actions" className="flex flex-wrap gap-2">
        {allowed.includes("in_progress") ? (
          <Button variant="secondary" isBusy={isBusy && closing === null} onClick={() => onChange({ status: "in_progress" }, () => undefined)}>
            Start investigating
          </Button>
        ) : null}
        {allowed.includes("resolved") ? (
          <Button disabled={isBusy} onClick={() => setClosing("resolved")}>
            Resolve
          </Button>
        ) : null}
        {allowed.includes("dismissed") ? (
          <Button variant="secondary" disabled={isBusy} onClick={() => setClosing("dismissed")}>
            Dismiss
          </Button>
        ) : null}
        {allowed.includes("open") ? (
          <Button variant="secondary" disabled={isBusy} onClick={() => onChange({ status: "open" }, () => undefined)}>
            {isClosed ? "Reopen" : "Stop investigating"}
          </Button>
        ) : null}
      </div>
      {closing ? (
        <AlertCloseDialog
          status={closing}
          subject={`this ${noun}`}
          noun={noun}
          isBusy={isBusy}
          serverError={serverError}
          onConfirm={(input) => onChange(input, () => setClosing(null))}
          onClose={() => {
            onDialogClose();
            setClosing(null);
          }}
        />
      ) : null}
    </>
  );
}
