import { AppError } from "../../shared/errors";

/**
 * A unique constraint refused a write: the one "already exists" of every feature, answered 409 by `withRoute`.
 * `field` names the form field the conflict is about, so forms show it beside the field (invalid_params).
 */
export class ConflictError extends AppError {
  override name = "ConflictError";
  constructor(message: string, readonly field?: string) {
    super("conflict", message, field ? [{ name: field, reason: message }] : []);
  }
}

type DbErrorShape = { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } };

/**
 * Prisma's P2002 (its own writes), P2010 carrying SQLSTATE 23505 (raw SQL, `$kysely`, through Prisma) or a
 * plain `pg` 23505 (the pool). The only place that knows these codes.
 */
export const isUniqueViolation = (error: unknown): boolean => {
  if (!error || typeof error !== "object") return false;
  const { code, meta } = error as DbErrorShape;
  if (code === "P2002" || code === "23505") return true;
  return code === "P2010" && (meta?.code === "23505" || meta?.driverAdapterError?.cause?.originalCode === "23505");
};

/** Runs a write; a unique violation becomes `conflict()` (a ConflictError), anything else is rethrown. */
export const withConflict = async <T>(work: () => Promise<T>, conflict: () => ConflictError): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
};
