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

/** The attributes that tie a control to its shell: its id (the label's target), invalid state, and what describes it. */
type ControlWiring = Readonly<{ id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined }>;

type FieldProps = Readonly<{ label: string; error?: string; hint?: ReactNode; control: (wiring: ControlWiring) => ReactNode }>;

function Field({ label, error, hint, control }: FieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined })}
    </FieldShell>
  );
}

// ComponentProps include `ref` (a plain prop in React 19), so react-hook-form's register() spreads straight in;
// the caller's own aria-* props (e.g. aria-invalid from fieldErrorProps) come last and win.
type TextFieldProps = ComponentProps<"input"> & { label: string; error?: string; hint?: ReactNode };

/** A labelled input whose label is its accessible name, with an error announced to screen readers. */
export function TextField({ label, error, hint, ...rest }: Readonly<TextFieldProps>) {
  return <Field label={label} error={error} hint={hint} control={(wiring) => <input {...wiring} className={CONTROL} {...rest} />} />;
}

type SelectFieldProps = ComponentProps<"select"> & { label: string; error?: string; hint?: ReactNode };

export function SelectField({ label, error, hint, children, ...rest }: Readonly<SelectFieldProps>) {
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      control={(wiring) => (
        <select {...wiring} className={CONTROL} {...rest}>
          {children}
        </select>
      )}
    />
  );
}

type TextAreaFieldProps = ComponentProps<"textarea"> & { label: string; error?: string; hint?: ReactNode };

/** A labelled textarea (monospace: lists such as CIDRs), wired like TextField. */
export function TextAreaField({ label, error, hint, ...rest }: Readonly<TextAreaFieldProps>) {
  return <Field label={label} error={error} hint={hint} control={(wiring) => <textarea {...wiring} className={`${CONTROL} font-mono`} {...rest} />} />;
}
