import type { TIncidentDto, TIncidentSort } from "@/lib/shared/schemas/incidents";

/** How an incident's Atlassian user is named: name, else email, else account id. */
export const incidentUserLabel = (user: TIncidentDto["user"]): string => user.name ?? user.email ?? user.accountId;

export const INCIDENT_SORT_LABELS: Record<TIncidentSort, string> = {
  priority: "Priority (most worrying first)",
  newest: "Newest first",
  oldest: "Oldest first",
  last_activity: "Latest activity first",
};

export const countOf = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
