import { getDb, type Db } from "../db";

// What notifications read of alerts and connectors. These return A1's tables (alerts, connectors) and belong
// in their repositories; they stay here until those move.

/** The alert as notifications show it, with its organization (connector) name. */
export const findAlertForNotification = (id: string, db: Db = getDb()) =>
  db.alert.findUnique({
    where: { id },
    select: {
      id: true,
      severity: true,
      policyKey: true,
      policyName: true,
      title: true,
      explanation: true,
      userAccountId: true,
      userName: true,
      userEmail: true,
      activityCount: true,
      firstActivityAt: true,
      lastActivityAt: true,
      connector: { select: { name: true } },
    },
  });

/** Connectors whose API key expires within `withinDays` (and has not expired yet). */
export const listConnectorsWithExpiringKeys = (now: Date, withinDays: number, db: Db = getDb()) =>
  db.connector.findMany({
    where: { apiKeyExpiresAt: { gt: now, lte: new Date(now.getTime() + withinDays * 86_400_000) } },
    select: { id: true, name: true, apiKeyExpiresAt: true, apiKeySetAt: true },
  });
