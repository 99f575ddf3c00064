import { availableParallelism } from "node:os";
import { z } from "zod";
import { secretWeakness } from "./server/runtime/secret-strength";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const flag = (fallback: boolean) =>
  z
    .enum(["0", "1", "true", "false"], { error: "must be 0, 1, true or false" })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "1" || v === "true"));

const retentionDays = z.coerce
  .number({ error: "must be a number of days" })
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(36_500, "must be at most 36500 days")
  .optional();

/** More web processes than this buys nothing: PostgreSQL, not Node, is the limit by then (docs/scaling.md). */
export const MAX_WEB_PROCESSES = 8;

/** Every environment variable Watchpost reads; documented in .env.example. */
export const ZEnv = z
  .object({
    /** Web, worker and CLI connect with this; unset: `npm start` runs an embedded PostgreSQL. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, "must be a postgresql:// URL")
      .optional(),
    /**
     * The schema owner's connection, used only by `npm start`'s migrate step and `npm run db:migrate:deploy`
     * (migrations, pg-boss's schema, the grants of DATABASE_URL's role). Unset: DATABASE_URL migrates too.
     */
    DATABASE_OWNER_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, "must be a postgresql:// URL")
      .optional(),
    PORT: z.coerce.number({ error: "must be a number" }).int().min(1).max(65535).default(3000),
    WATCHPOST_URL: z.url({ error: "must be an absolute http(s) URL" }).optional(),
    /**
     * Web processes behind PORT (`npm start`, `npm run web`): one per core by default, at most 8; 1 runs a single
     * process as before (docs/scaling.md).
     */
    WATCHPOST_WEB_PROCESSES: z.coerce
      .number({ error: "must be a whole number from 1 to 8" })
      .int("must be a whole number from 1 to 8")
      .min(1, "must be at least 1 (one web process)")
      .max(MAX_WEB_PROCESSES, `must be at most ${MAX_WEB_PROCESSES}`)
      .default(() => Math.min(MAX_WEB_PROCESSES, availableParallelism())),
    /** Set by `npm start` from WATCHPOST_URL or PORT; links in notifications fall back to it. */
    NEXTAUTH_URL: z.url({ error: "must be an absolute http(s) URL" }).optional(),
    WATCHPOST_SECRET: z
      .string()
      .superRefine((secret, ctx) => {
        const weakness = secretWeakness(secret);
        if (weakness) ctx.addIssue({ code: "custom", message: weakness });
      })
      .optional(),
    WATCHPOST_DATA_DIR: z.string().min(1).default(".data"),
    WATCHPOST_ADMIN_EMAIL: z.email({ error: "must be an email address" }).optional(),
    WATCHPOST_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    /** Unset: the demo runs unless WATCHPOST_URL names a host other than loopback (isDemoEnabled). */
    WATCHPOST_DEMO: z
      .enum(["0", "1", "true", "false"], { error: "must be 0, 1, true or false" })
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "1" || v === "true")),
    /**
     * How many reverse proxies in front of the web append to X-Forwarded-For: the client IP is the value that
     * many hops from the right. 0 (default) ignores the header; true/false are kept as 1/0.
     */
    WATCHPOST_TRUST_PROXY: z
      .string()
      .regex(/^(\d{1,2}|true|false)$/, "must be the number of trusted proxy hops (0, 1, 2, …)")
      .optional()
      .transform((v) => (v === undefined || v === "false" ? 0 : v === "true" ? 1 : Number(v))),
    /** Like WATCHPOST_TRUST_PROXY, for the session proxy: X-Forwarded-For hops to trust for the client IP session policies see (default 0). */
    WATCHPOST_PROXY_TRUST_PROXY: z
      .string()
      .regex(/^(\d{1,2}|true|false)$/, "must be the number of trusted proxy hops (0, 1, 2, …)")
      .optional()
      .transform((v) => (v === undefined || v === "false" ? 0 : v === "true" ? 1 : Number(v))),
    /** Days the portal audit log is kept (default 400); when set, it wins over Settings → Data retention. */
    WATCHPOST_AUDIT_RETENTION_DAYS: retentionDays,
    /** Days activities are kept (default 180; whole monthly partitions are dropped); wins over Settings when set. */
    WATCHPOST_RETENTION_ACTIVITIES_DAYS: retentionDays,
    /** Days closed alerts (with comments and history) are kept (default 365); wins over Settings when set. */
    WATCHPOST_RETENTION_ALERTS_DAYS: retentionDays,
    /** Days the governance log is kept (default 365); wins over Settings when set. */
    WATCHPOST_RETENTION_GOVERNANCE_DAYS: retentionDays,
    /** Days notification deliveries are kept (default 90); wins over Settings when set. */
    WATCHPOST_RETENTION_DELIVERIES_DAYS: retentionDays,
    /** Lets webhooks and SMTP reach private, loopback, link-local and CGNAT addresses (an internal relay). */
    WATCHPOST_ALLOW_PRIVATE_TARGETS: flag(false),
    /** Port of the demo Atlassian simulator that `npm start` runs (loopback only). */
    WATCHPOST_DEMO_PORT: z.coerce.number({ error: "must be a number" }).int().min(1).max(65535).default(4010),
    /** Seconds between polls of a caught-up connector while events keep arriving (live polling). */
    WATCHPOST_SYNC_POLL_SECONDS: z.coerce.number({ error: "must be a number" }).min(1).max(3600).default(2),
    /** Longest wait between polls of a quiet connector: empty polls double the wait up to this. */
    WATCHPOST_SYNC_POLL_MAX_SECONDS: z.coerce.number({ error: "must be a number" }).min(1).max(3600).default(30),
    /** Replaces the documented default budgets per Atlassian API key and endpoint family (50/min events-stream, 60/min per user…); headers the server sends still win. */
    WATCHPOST_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: "must be a number" }).int().min(1).max(100_000).optional(),
    /** Requests a minute to /api/v1 per API token, and per user for signed-in sessions (429 with Retry-After past it). */
    WATCHPOST_API_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: "must be a number" }).int().min(1).max(1_000_000).default(600),
    /**
     * Hours a signed-in session lasts, counted from sign-in; refreshing the session does not extend it. Fractions
     * allowed (0.5 = 30 minutes); at most 720 (30 days).
     */
    WATCHPOST_SESSION_MAX_HOURS: z.coerce
      .number({ error: "must be a number of hours" })
      .positive("must be a number of hours above 0")
      .max(720, "must be at most 720 hours (30 days)")
      .default(12),
    /** Whom a user notified by a policy (notify_user) is told to contact; a person's action names that person. */
    WATCHPOST_SECURITY_CONTACT: z.email({ error: "must be an email address" }).optional(),
    /**
     * Checks every JSON answer of a route handler against its contract's response schema; a mismatch is logged and
     * answered 500. Unset: on unless NODE_ENV is production (e2e runs set 1 against the production build).
     */
    WATCHPOST_CHECK_RESPONSES: z
      .enum(["0", "1", "true", "false"], { error: "must be 0, 1, true or false" })
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "1" || v === "true")),
    /** `npm start` runs the session proxy beside web and worker unless this is 0 (docs/session-proxy.md). */
    WATCHPOST_PROXY: flag(true),
    /** HTTPS port of the session proxy; proxied authorities carry it unless it is 443. */
    WATCHPOST_PROXY_PORT: z.coerce.number({ error: "must be a number" }).int().min(1).max(65535).default(4443),
    /** Suffix of proxied hosts: `acme.atlassian.net` is served as `acme.atlassian.net.<domain>`. */
    WATCHPOST_PROXY_DOMAIN: z
      .string()
      .regex(/^(?=.{1,200}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, "must be a lower-case DNS name, e.g. proxy.example.com")
      .default("proxy.localhost"),
    /** PEM files of your own server certificate (and key) for the proxy; unset: one from Watchpost's own proxy CA. */
    WATCHPOST_PROXY_CERT: z.string().min(1).optional(),
    WATCHPOST_PROXY_KEY: z.string().min(1).optional(),
    /** Port users reach the proxy on when a load balancer fronts it (e.g. 443); unset: WATCHPOST_PROXY_PORT. */
    WATCHPOST_PROXY_PUBLIC_PORT: z.coerce.number({ error: "must be a number" }).int().min(1).max(65535).optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    /** Set by the supervisor for each child process; names the process in log lines. */
    WATCHPOST_SERVICE: z.enum(["web", "worker", "proxy", "supervisor", "cli", "test"]).default("web"),
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  })
  .refine((e) => !e.DATABASE_OWNER_URL || e.DATABASE_URL, {
    message: "is only used with DATABASE_URL (the embedded database sets up both roles itself)",
    path: ["DATABASE_OWNER_URL"],
  })
  .refine((e) => !e.WATCHPOST_PROXY_CERT === !e.WATCHPOST_PROXY_KEY, {
    message: "set both WATCHPOST_PROXY_CERT and WATCHPOST_PROXY_KEY, or neither",
    path: ["WATCHPOST_PROXY_KEY"],
  })
  .refine((e) => !e.WATCHPOST_ADMIN_EMAIL === !e.WATCHPOST_ADMIN_PASSWORD, {
    message: "set both WATCHPOST_ADMIN_EMAIL and WATCHPOST_ADMIN_PASSWORD, or neither",
    path: ["WATCHPOST_ADMIN_PASSWORD"],
  });

export type TEnv = z.infer<typeof ZEnv>;

export class EnvError extends Error {
  override name = "EnvError";
}

const EMPTY_AS_UNSET = (raw: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));

/** Parses an environment; throws EnvError with one line naming the first bad variable. */
export const parseEnv = (raw: Record<string, string | undefined>): TEnv => {
  const result = ZEnv.safeParse(EMPTY_AS_UNSET(raw));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.join(".") || "environment";
  throw new EnvError(`Invalid environment variable ${name}: ${issue?.message ?? "invalid"}`);
};

/** A URL whose host is this machine only: localhost (and *.localhost), 127.0.0.0/8 or [::1]. */
export const isLoopbackUrl = (url: string): boolean => {
  const host = new URL(url).hostname.toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host) || host === "[::1]";
};

/**
 * Whether `npm start` runs the demo Atlassian organization: WATCHPOST_DEMO when set, otherwise only while the portal
 * is local (no WATCHPOST_URL, or a loopback one). A deployment reachable by others gets no demo org with a
 * published API key unless it asks for one.
 */
export const isDemoEnabled = (env: Pick<TEnv, "WATCHPOST_DEMO" | "WATCHPOST_URL">): boolean =>
  env.WATCHPOST_DEMO ?? (env.WATCHPOST_URL === undefined || isLoopbackUrl(env.WATCHPOST_URL));

let cached: TEnv | undefined;

/** The validated process environment (parsed once). */
export const getEnv = (): TEnv => (cached ??= parseEnv(process.env));
