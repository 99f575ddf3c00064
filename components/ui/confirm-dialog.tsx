"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";

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
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!isBusy) onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border text-left border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
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
    </dialog>
  );
}
