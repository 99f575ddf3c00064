"use client";

import { useEffect, useRef, type ReactNode } from "react";

type Props = Readonly<{
  /** The id of the dialog's heading (its accessible name). */
  labelledBy: string;
  /** While busy, Escape does not close it: the request in flight would lose its outcome. */
  isBusy: boolean;
  onClose: () => void;
  size?: "md" | "lg";
  children: ReactNode;
}>;

const WIDTH = { md: "max-w-md text-left", lg: "max-w-lg" } as const;

/**
 * The native modal <dialog> every dialog here is built on: shown on mount, closed on unmount (mount it only
 * while open), focus trapped and the page behind inert.
 */
export function ModalDialog({ labelledBy, isBusy, onClose, size = "lg", children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        if (!isBusy) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${WIDTH[size]} rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100`}
    >
      {children}
    </dialog>
  );
}
