import { sql } from "kysely";
import type { Prisma } from "../../generated/prisma/client";
import { getDb, getSql, type Db, type Sql } from "../db";
import { isoText } from "./activity-query-repository";

// Alerts read or written for other features: governance, notifications, posture and the activity page (each
// function moved here from its caller's repository; alert-repository.ts holds the alert list, detail and upsert).


/** Alerts that include the activity (alert_activities ⨝ alerts), newest first. */
export const findAlertsOfActivity = (seq: string, sqlDb: Sql = getSql()) =>
  sqlDb
    .selectFrom("alert_activities as aa")
    .innerJoin("alerts as al", "al.id", "aa.alert_id")
    .select((eb) => [
      eb.cast<string>("al.id", "text").as("id"),
      "al.title",
      "al.policy_name as policyName",
      eb.cast<string>("al.severity", "text").as("severity"),
      eb.cast<string>("al.status", "text").as("status"),
      isoText(eb.ref("al.created_at")).as("createdAt"),
    ])
    .where("aa.activity_seq", "=", sql<string>`${seq}::bigint`)
    .orderBy("al.created_at", "desc")
    .limit(100)
    .execute();

export type ActivityAlertRow = Awaited<ReturnType<typeof findAlertsOfActivity>>[number];

/** What governance needs of an alert: whose it is and what it says. */
export const findAlertForGovernance = (id: string, db: Db = getDb()) =>
  db.alert.findUnique({ where: { id }, select: { id: true, connectorId: true, userAccountId: true, title: true, explanation: true } });

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

export type PostureAlertInput = Readonly<{
  connectorId: string;
  episodeKey: string;
  severity: "low" | "medium" | "high";
  title: string;
  explanation: string;
  details: Record<string, unknown>;
  actor: { accountId: string; name: string | null; email: string | null } | null;
  activitySeqs: readonly bigint[];
  firstAt: Date;
  lastAt: Date;
}>;

/** Raises (idempotently, by episode key) a posture_regression alert and links the audit events behind it. */
export const upsertPostureAlert = async (a: PostureAlertInput, db: Db = getDb()): Promise<string> => {
  const fields = {
    policyKey: "posture_regression",
    policyName: "Security posture regression",
    severity: a.severity,
    connectorId: a.connectorId,
    userAccountId: a.actor?.accountId ?? null,
    userEmail: a.actor?.email ?? null,
    userName: a.actor?.name ?? null,
    title: a.title,
    explanation: a.explanation,
    details: a.details as Prisma.InputJsonValue,
    activityCount: a.activitySeqs.length,
    firstActivityAt: a.firstAt,
    lastActivityAt: a.lastAt,
  };
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.upsert({ where: { episodeKey: a.episodeKey }, create: { ...fields, episodeKey: a.episodeKey }, update: fields, select: { id: true } });
    if (a.activitySeqs.length > 0) {
      await tx.alertActivity.createMany({ data: a.activitySeqs.map((activitySeq) => ({ alertId: alert.id, activitySeq })), skipDuplicates: true });
    }
    return alert.id;
  });
};

/** posture_regression alerts of a connector with their linked activity seqs, newest first. */
export const listPostureAlerts = async (connectorId: string, db: Db = getDb()) =>
  db.alert.findMany({
    where: { connectorId, policyKey: "posture_regression" },
    orderBy: { createdAt: "desc" },
    select: { id: true, policyId: true, policyName: true, severity: true, userAccountId: true, userEmail: true, userName: true, title: true, details: true, episodeKey: true, activityCount: true, activities: { select: { activitySeq: true } } },
  });
