"use client";

import { useId, type FormEventHandler, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { ModalDialog } from "./modal-dialog";

type Props = Readonly<{
  title: ReactNode;
  submitLabel: string;
  isBusy: boolean;
  /** One message under the fields: the form's own or the server's. */
  error: string | null | undefined;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onClose: () => void;
  children: ReactNode;
}>;

/** A modal form: title, fields, one error line, Cancel and submit. */
export function FormDialog({ title, submitLabel, isBusy, error, onSubmit, onClose, children }: Props) {
  const titleId = useId();
  return (
    <ModalDialog labelledBy={titleId} isBusy={isBusy} onClose={onClose}>
      <form onSubmit={onSubmit} className="space-y-4 px-5 py-4">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {children}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose} disabled={isBusy}>
            Cancel
          </Button>
          <Button type="submit" isBusy={isBusy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
