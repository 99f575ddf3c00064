import { useId, type ComponentProps, type ReactNode } from "react";

const CONTROL =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-500 aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-900";

type FieldShellProps = Readonly<{ id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }>;

function FieldShell({ id, label, error, hint, children }: FieldShellProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

// ComponentProps include `ref` (a plain prop in React 19), so react-hook-form's register() spreads straight in.
type TextFieldProps = ComponentProps<"input"> & { label: string; error?: string; hint?: ReactNode };

/** A labelled input whose label is its accessible name, with an error announced to screen readers. */
export function TextField({ label, error, hint, ...rest }: Readonly<TextFieldProps>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={CONTROL}
        {...rest}
      />
    </FieldShell>
  );
}

type SelectFieldProps = ComponentProps<"select"> & { label: string; error?: string; hint?: ReactNode };

export function SelectField({ label, error, hint, children, ...rest }: Readonly<SelectFieldProps>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={CONTROL}
        {...rest}
      >
        {children}
      </select>
    </FieldShell>
  );
}

type TextAreaFieldProps = ComponentProps<"textarea"> & { label: string; error?: string; hint?: ReactNode };

/** A labelled textarea (monospace: lists such as CIDRs), wired like TextField. */
export function TextAreaField({ label, error, hint, ...rest }: Readonly<TextAreaFieldProps>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={`${CONTROL} font-mono`}
        {...rest}
      />
    </FieldShell>
  );
}
