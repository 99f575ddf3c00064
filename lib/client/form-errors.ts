import type { z } from "zod";
import { ApiError } from "./api-client";

/** Field name → message shown under that field. */
export type TFieldErrors = Partial<Record<string, string>>;

/** A server refusal: its message, plus the fields it names (from problem+json invalid_params). */
export type TServerError = Readonly<{ detail: string; fields: TFieldErrors }>;

/** Field → first message, from a zod error of a form's shared schema. */
export const zodFieldErrors = (error: z.ZodError): TFieldErrors => {
  const out: TFieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    out[field] ??= issue.message;
  }
  return out;
};

/** Same as zodFieldErrors, typed for the simple forms that keep a plain record. */
export const fieldErrorsOf = (error: z.ZodError): Record<string, string> => zodFieldErrors(error) as Record<string, string>;

export const toServerError = (error: unknown): TServerError =>
  error instanceof ApiError
    ? { detail: error.message, fields: error.fieldErrors() }
    : { detail: error instanceof Error ? error.message : "Something went wrong. Try again.", fields: {} };

/**
 * Props for a field: the client-side message first, else what the server said about it. A server reason
 * that repeats the form's summary alert (e.g. "The API key is invalid…") only marks the field invalid, so
 * the same sentence is not shown, and announced, twice.
 */
export const fieldErrorProps = (
  field: string,
  errors: TFieldErrors,
  serverError: TServerError | null,
): { error: string | undefined; "aria-invalid"?: true } => {
  const client = errors[field];
  if (client) return { error: client };
  const reason = serverError?.fields[field];
  if (reason && reason === serverError?.detail) return { error: undefined, "aria-invalid": true };
  return { error: reason };
};
