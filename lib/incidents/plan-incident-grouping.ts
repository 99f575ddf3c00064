/** An alert without an incident yet, as grouping sees it. */
export type TGroupingAlert = Readonly<{ id: string; accountId: string; firstActivityAt: Date; lastActivityAt: Date }>;

/** An account's incident that alerts may still join (open or in progress), as locked for the change. */
export type TJoinableIncident = Readonly<{ id: string; accountId: string; firstActivityAt: Date; joinableUntil: Date }>;

export type TGroupingPlan = Readonly<{
  /** New incidents, each named by the alert that starts it. */
  created: { id: string; firstAlertId: string }[];
  /** Every alert's incident (new or existing). */
  assignments: { alertId: string; incidentId: string }[];
}>;

/**
 * Puts each alert into its account's joinable incident or a new one. An incident takes an alert whose first
 * activity is not after its joinable_until; each alert slides that to max(joinable_until, its last activity +
 * window). An alert that arrives late (the backfill of older alerts) joins only if it also ends within the window
 * before the incident's first activity: the window holds in both directions. Alerts are taken in first-activity
 * order so that a batch groups as one-by-one arrivals would; among several joinable incidents the one joinable
 * longest wins. `newId` names new incidents (injected: tests).
 */
export const planIncidentGrouping = (
  alerts: readonly TGroupingAlert[],
  joinable: readonly TJoinableIncident[],
  windowMs: number,
  newId: () => string,
): TGroupingPlan => {
  const open = new Map<string, { id: string; from: number; until: number }[]>();
  for (const i of joinable) {
    const list = open.get(i.accountId) ?? [];
    list.push({ id: i.id, from: i.firstActivityAt.getTime(), until: i.joinableUntil.getTime() });
    open.set(i.accountId, list);
  }
  const created: TGroupingPlan["created"] = [];
  const assignments: TGroupingPlan["assignments"] = [];
  const ordered = [...alerts].sort((a, b) => a.firstActivityAt.getTime() - b.firstActivityAt.getTime() || a.id.localeCompare(b.id));
  for (const alert of ordered) {
    const list = open.get(alert.accountId) ?? [];
    open.set(alert.accountId, list);
    const first = alert.firstActivityAt.getTime();
    const reach = alert.lastActivityAt.getTime() + windowMs;
    const target = list.filter((i) => i.until >= first && i.from <= reach).sort((a, b) => b.until - a.until)[0];
    if (target) {
      target.until = Math.max(target.until, reach);
      target.from = Math.min(target.from, first);
      assignments.push({ alertId: alert.id, incidentId: target.id });
      continue;
    }
    const incident = { id: newId(), from: first, until: reach };
    list.push(incident);
    created.push({ id: incident.id, firstAlertId: alert.id });
    assignments.push({ alertId: alert.id, incidentId: incident.id });
  }
  return { created, assignments };
};
