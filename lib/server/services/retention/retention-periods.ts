import type { TEnv } from "../../../env";
import {
  RETENTION_DEFAULT_DAYS,
  RETENTION_ENV_VARS,
  RETENTION_KINDS,
  RETENTION_LABELS,
  type TRetentionKind,
  type TRetentionPeriodDto,
} from "../../../shared/schemas/retention";
import type { RetentionSettingsRow } from "../../repositories/retention-repository";

const ENV_KEYS = {
  activities: "WATCHPOST_RETENTION_ACTIVITIES_DAYS",
  alerts: "WATCHPOST_RETENTION_ALERTS_DAYS",
  governance: "WATCHPOST_RETENTION_GOVERNANCE_DAYS",
  deliveries: "WATCHPOST_RETENTION_DELIVERIES_DAYS",
  audit: "WATCHPOST_AUDIT_RETENTION_DAYS",
} as const satisfies Record<TRetentionKind, keyof TEnv>;

export const rowField = (kind: TRetentionKind) => `${kind}_days` as const;

/** Each kind's days: its environment variable when set (it locks the field), else Settings, else the default. */
export const resolveRetentionPeriods = (row: RetentionSettingsRow | null, env: Partial<Pick<TEnv, (typeof ENV_KEYS)[TRetentionKind]>>): TRetentionPeriodDto[] =>
  RETENTION_KINDS.map((kind) => {
    const fromEnv = env[ENV_KEYS[kind]];
    const fromSettings = row?.[rowField(kind)] ?? null;
    const base = { kind, label: RETENTION_LABELS[kind], envVar: RETENTION_ENV_VARS[kind] };
    if (fromEnv !== undefined) return { ...base, days: fromEnv, source: "environment" as const };
    if (fromSettings !== null) return { ...base, days: fromSettings, source: "settings" as const };
    return { ...base, days: RETENTION_DEFAULT_DAYS[kind], source: "default" as const };
  });

const DAY_MS = 86_400_000;

/** The instant before which each kind's records are past retention. */
export const retentionCutoffs = (periods: readonly TRetentionPeriodDto[], now: Date): Record<TRetentionKind, Date> =>
  Object.fromEntries(periods.map((p) => [p.kind, new Date(now.getTime() - p.days * DAY_MS)])) as Record<TRetentionKind, Date>;
