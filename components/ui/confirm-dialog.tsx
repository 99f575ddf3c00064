"use client";

import { useId, type ReactNode } from "react";
import { Button } from "./button";
import { ModalDialog } from "./modal-dialog";

type Props = Readonly<{
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isBusy?: boolean;
  /** Keeps the confirm button off, e.g. until the user typed the name of what goes. */
  isConfirmDisabled?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}>;

/**
 * A modal confirmation on the native <dialog>: focus is trapped, Escape closes, and the page behind is
 * inert. Mount it only while open so its text is not in the page otherwise.
 */
export function ConfirmDialog({ title, children, confirmLabel, isBusy = false, isConfirmDisabled = false, onConfirm, onClose }: Props) {
  const titleId = useId();
  return (
    <ModalDialog labelledBy={titleId} isBusy={isBusy} onClose={onClose} size="md">
      <div className="space-y-3 px-5 py-4">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <div className="space-y-2 text-sm text-slate-600 dark:text-slate-300">{children}</div>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
        <Button variant="secondary" onClick={onClose} disabled={isBusy} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm} isBusy={isBusy} disabled={isConfirmDisabled}>
          {confirmLabel}
        </Button>
      </div>
    </ModalDialog>
  );
}
