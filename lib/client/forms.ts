import { get, type FieldErrors, type FieldValues, type Path, type UseFormSetError } from "react-hook-form";
import { ApiError } from "./api-client";

/** Where a refused request's detail lives in react-hook-form's errors: `errors.root.server`. */
export const FORM_ERROR = "root.server" as const;

const FALLBACK = "Something went wrong. Try again.";

type ApplyOptions = Readonly<{
  /** Maps a problem's parameter name (e.g. "location.lat") to the form field that shows it; default: its first segment. */
  fieldOf?: (name: string) => string | undefined;
}>;

/**
 * A refused request onto a react-hook-form form: each `invalid_params` reason under the field it names, and the
 * problem's detail as the form error. Any status carries field errors (400 validation, 409 duplicate name).
 */
export const applyProblem = <T extends FieldValues>(setError: UseFormSetError<T>, error: unknown, options: ApplyOptions = {}): void => {
  if (error instanceof ApiError) {
    const byField = new Map<string, string>();
    for (const param of error.invalidParams) {
      const field = options.fieldOf?.(param.name) ?? param.name.split(".")[0];
      if (field) byField.set(field, param.reason);
    }
    for (const [field, message] of byField) setError(field as Path<T>, { type: "server", message });
  }
  setError(FORM_ERROR, { type: "server", message: error instanceof Error ? error.message : FALLBACK });
};

/** The first message under an error, however deep the schema put it (cidrs.1, location.lat). */
export const messageOf = (error: unknown): string | undefined => {
  if (!error || typeof error !== "object") return undefined;
  const { message } = error as { message?: unknown };
  if (typeof message === "string" && message) return message;
  for (const [key, value] of Object.entries(error)) {
    if (key === "ref" || key === "types") continue;
    const nested = messageOf(value);
    if (nested) return nested;
  }
  return undefined;
};

/** The problem's detail (or any other form-level error), for the form's alert. */
export const formErrorOf = (errors: FieldErrors): string | undefined => errors.root?.server?.message;

/**
 * True when some field (not the form as a whole) has a message. A form that hides its alert while fields have
 * messages shows them as they are (`errors.x?.message`), not through fieldErrorProps, which would hide both.
 */
export const hasFieldErrors = (errors: FieldErrors): boolean => Object.keys(errors).some((key) => key !== "root" && messageOf(errors[key]));

/**
 * Props for a field (a dotted path such as "settings.host" reaches a nested error): its message. A server reason that repeats the form's alert (e.g. "The API key is
 * invalid…") only marks the field invalid, so the same sentence is not shown, and announced, twice.
 */
export const fieldErrorProps = (errors: FieldErrors, field: string): { error: string | undefined; "aria-invalid"?: true } => {
  const entry: unknown = get(errors, field);
  const message = messageOf(entry);
  if (message && (entry as { type?: unknown }).type === "server" && message === formErrorOf(errors)) return { error: undefined, "aria-invalid": true };
  return { error: message };
};
