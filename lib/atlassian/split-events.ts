import type { z } from "zod";
import { ZEvent, type TEvent } from "./schemas/events";

/** An event of a page that does not match the wire schema even with the tolerant parts (schemas/events.ts). */
export type TRejectedEvent = Readonly<{
  /** The event's `id` when it has a usable one (a non-empty string of at most 200 characters), else null. */
  id: string | null;
  /** The event exactly as it came. */
  raw: unknown;
  /** The first schema problem, as "path: message" (at most 300 characters). */
  reason: string;
}>;

const MAX_REASON = 300;
const MAX_ID = 200;

const idOf = (raw: unknown): string | null => {
  const id = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" && id.length > 0 && id.length <= MAX_ID ? id : null;
};

/** "attributes.actor: Invalid input: expected object, received string", from zod's first issue. */
export const describeSchemaIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  if (!issue) return "does not match the event schema";
  const where = issue.path.length > 0 ? issue.path.map(String).join(".") : "(event)";
  const text = `${where}: ${issue.message}`;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
};

/**
 * Parses each event of a page on its own: the valid ones (with unknown fields kept) and the rejected ones with
 * the reason. A page-level problem (not JSON, truncated, no `data` array) never gets here: the transport fails
 * the whole page as `malformed`, and the sync retries it.
 */
export const splitEvents = (items: readonly unknown[]): { events: TEvent[]; rejected: TRejectedEvent[] } => {
  const events: TEvent[] = [];
  const rejected: TRejectedEvent[] = [];
  for (const item of items) {
    const result = ZEvent.safeParse(item);
    if (result.success) events.push(result.data);
    else rejected.push({ id: idOf(item), raw: item, reason: describeSchemaIssue(result.error) });
  }
  return { events, rejected };
};
