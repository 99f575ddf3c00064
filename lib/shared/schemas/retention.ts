import { z } from "zod";

// Data retention (issue 23): what is kept how long, legal holds, and what a run removes.

export const RETENTION_KINDS = ["activities", "alerts", "governance", "deliveries", "audit"] as const;
export type TRetentionKind = (typeof RETENTION_KINDS)[number];

export const RETENTION_DEFAULT_DAYS: Record<TRetentionKind, number> = { activities: 180, alerts: 365, governance: 365, deliveries: 90, audit: 400 };

/** The environment variable that fixes each kind's days (it wins over Settings). */
export const RETENTION_ENV_VARS: Record<TRetentionKind, string> = {
  activities: "WATCHPOST_RETENTION_ACTIVITIES_DAYS",
  alerts: "WATCHPOST_RETENTION_ALERTS_DAYS",
  governance: "WATCHPOST_RETENTION_GOVERNANCE_DAYS",
  deliveries: "WATCHPOST_RETENTION_DELIVERIES_DAYS",
  audit: "WATCHPOST_AUDIT_RETENTION_DAYS",
};

export const RETENTION_LABELS: Record<TRetentionKind, string> = {
  activities: "Activities",
  alerts: "Alerts (with comments and history)",
  governance: "Governance log",
  deliveries: "Notification deliveries",
  audit: "Portal audit log",
};

/** Fewer days than this would drop data detection still reads (baselines span 30 days) or that the dashboard shows (90). */
export const RETENTION_MIN_DAYS: Record<TRetentionKind, number> = { activities: 30, alerts: 30, governance: 30, deliveries: 7, audit: 90 };
export const RETENTION_MAX_DAYS = 36_500;

const days = (kind: TRetentionKind) =>
  z.coerce
    .number({ error: `${RETENTION_LABELS[kind]}: days must be a number` })
    .int(`${RETENTION_LABELS[kind]}: days must be a whole number`)
    .min(RETENTION_MIN_DAYS[kind], `${RETENTION_LABELS[kind]}: keep at least ${RETENTION_MIN_DAYS[kind]} days`)
    .max(RETENTION_MAX_DAYS, `${RETENTION_LABELS[kind]}: at most ${RETENTION_MAX_DAYS} days (100 years)`);

/** PUT /api/v1/retention (admin): the days of each kind; a kind fixed by its environment variable cannot be changed here. */
export const ZRetentionSettingsInput = z
  .object({
    activitiesDays: days("activities"),
    alertsDays: days("alerts"),
    governanceDays: days("governance"),
    deliveriesDays: days("deliveries"),
    auditDays: days("audit"),
  })
  .strict();
export type TRetentionSettingsInput = z.infer<typeof ZRetentionSettingsInput>;

export const retentionField = (kind: TRetentionKind) => `${kind}Days` as const;

const ZTimestamp = z.string().describe("ISO 8601 date-time");

export const ZRetentionPeriodDto = z.object({
  kind: z.enum(RETENTION_KINDS),
  label: z.string(),
  days: z.number().int(),
  /** Where the days come from: the default, Settings, or the environment variable (which locks the field). */
  source: z.enum(["default", "settings", "environment"]),
  envVar: z.string(),
});
export type TRetentionPeriodDto = z.infer<typeof ZRetentionPeriodDto>;

/** What the next run would remove (dry run) or what a run removed. */
export const ZRetentionCounts = z.object({
  activities: z.number().int(),
  /** Activities past retention kept for an alert that is kept (open, recent or held) or a legal hold. */
  activitiesKept: z.number().int(),
  /** Monthly activity partitions dropped whole (their kept rows come back as a smaller partition of the same range). */
  partitions: z.array(z.string()),
  alerts: z.number().int(),
  /** Closed alerts past retention kept by a legal hold. */
  alertsKept: z.number().int(),
  incidents: z.number().int(),
  governance: z.number().int(),
  deliveries: z.number().int(),
  audit: z.number().int(),
});
export type TRetentionCounts = z.infer<typeof ZRetentionCounts>;

export const ZLegalHoldDto = z.object({
  id: z.string(),
  connectorId: z.string(),
  connectorName: z.string(),
  /** Null: the whole connector is held. */
  userAccountId: z.string().nullable(),
  /** The held account's email or name from the synced directory, when known. */
  userLabel: z.string().nullable(),
  reason: z.string(),
  createdAt: ZTimestamp,
  createdBy: z.string().nullable(),
  releasedAt: ZTimestamp.nullable(),
  releasedBy: z.string().nullable(),
});
export type TLegalHoldDto = z.infer<typeof ZLegalHoldDto>;

export const ZRetentionRunDto = z.object({ at: ZTimestamp, actor: z.string().nullable(), details: z.record(z.string(), z.unknown()) });
export type TRetentionRunDto = z.infer<typeof ZRetentionRunDto>;

/** GET /api/v1/retention */
export const ZRetentionDto = z.object({ periods: z.array(ZRetentionPeriodDto), holds: z.array(ZLegalHoldDto), lastRuns: z.array(ZRetentionRunDto) });
export type TRetentionDto = z.infer<typeof ZRetentionDto>;

/** GET /api/v1/retention/preview: the dry run. */
export const ZRetentionPreviewDto = z.object({ at: ZTimestamp, periods: z.array(ZRetentionPeriodDto), counts: ZRetentionCounts });
export type TRetentionPreviewDto = z.infer<typeof ZRetentionPreviewDto>;

/** POST /api/v1/retention/run: false when another run holds the lock. */
export const ZRetentionRunResult = z.object({ ran: z.boolean(), counts: ZRetentionCounts });

/** POST /api/v1/retention/holds (admin): hold a whole connector, or one Atlassian account (id or email) of it. */
export const ZLegalHoldInput = z
  .object({
    connectorId: z.uuid({ error: "Choose a connector" }),
    /** An Atlassian account id or email; empty or absent holds the whole connector. */
    user: z.string().trim().max(200, "At most 200 characters").optional().transform((v) => (v ? v : undefined)),
    reason: z.string({ error: "A reason is required" }).trim().min(3, "Say why (at least 3 characters)").max(500, "At most 500 characters"),
  })
  .strict();
export type TLegalHoldInput = z.input<typeof ZLegalHoldInput>;

export const ZLegalHoldIdParams = z.object({ id: z.uuid({ error: "Unknown legal hold" }) });
