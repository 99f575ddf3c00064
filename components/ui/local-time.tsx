"use client";

import { useIsHydrated } from "@/lib/client/hooks/use-is-hydrated";
import { formatDate, formatDateTime } from "./format";

type Props = Readonly<{ iso: string; isDateOnly?: boolean }>;

/**
 * An instant in the browser's time zone. Server-rendered data goes through this rather than formatDateTime: the
 * server does not know the viewer's zone, so it and the hydrating browser both show UTC, and the local time
 * replaces it right after hydration.
 */
export function LocalTime({ iso, isDateOnly = false }: Props) {
  const isHydrated = useIsHydrated();
  const timeZone = isHydrated ? undefined : "UTC";
  const text = isDateOnly ? formatDate(iso, timeZone) : formatDateTime(iso, timeZone);
  return (
    <time dateTime={iso} title={`${iso} (UTC)`}>
      {isHydrated ? text : `${text} UTC`}
    </time>
  );
}
