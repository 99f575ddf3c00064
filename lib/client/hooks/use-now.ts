import { useEffect, useState } from "react";

/** The current time, refreshed every `intervalMs`, so relative times ("12 s ago") stay current between polls. */
export const useNow = (intervalMs = 1_000): Date => {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
};
