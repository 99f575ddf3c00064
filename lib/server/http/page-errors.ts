import "server-only";
import { forbidden, notFound } from "next/navigation";
import { AppError } from "../../shared/errors";

/**
 * For pages: an AppError a page answers with Next's own page becomes notFound() (not_found) or forbidden()
 * (forbidden; enabled by experimental.authInterrupts in next.config.js). Anything else is rethrown, for error.tsx.
 */
export const throwPageError = (error: unknown): never => {
  if (error instanceof AppError && error.code === "not_found") notFound();
  if (error instanceof AppError && error.code === "forbidden") forbidden();
  throw error;
};

/** A page's read, with the AppError mapping of throwPageError. */
export const orPageError = <T>(read: Promise<T>): Promise<T> => read.catch(throwPageError);
