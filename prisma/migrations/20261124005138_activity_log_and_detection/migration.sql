-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "Sensitivity" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'in_progress', 'resolved', 'dismissed');

-- CreateEnum
CREATE TYPE "IpCategory" AS ENUM ('corporate', 'vpn', 'administrative', 'cloud_provider', 'risky');

-- DropIndex
DROP INDEX "activities_connector_id_event_time_idx";

-- DropIndex
DROP INDEX "activities_actor_id_event_time_idx";

-- DropIndex
DROP INDEX "activities_event_time_idx";

-- AlterTable
ALTER TABLE "activities" ADD COLUMN     "country_code" TEXT,
ADD COLUMN     "ip_category" TEXT,
ADD COLUMN     "ip_tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "is_admin_action" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "is_impersonation" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "location_source" TEXT,
ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "activity_consumer_cursors" (
    "consumer" TEXT NOT NULL,
    "connector_id" UUID NOT NULL,
    "last_seq" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "activity_consumer_cursors_pkey" PRIMARY KEY ("consumer","connector_id")
);

-- CreateTable
CREATE TABLE "activity_rollups_hourly" (
    "connector_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "product" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "activity_rollups_hourly_pkey" PRIMARY KEY ("connector_id","hour","product","action")
);

-- CreateTable
CREATE TABLE "activity_rollups_daily_actor" (
    "connector_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT,
    "actor_email" TEXT,
    "count" INTEGER NOT NULL,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "activity_rollups_daily_actor_pkey" PRIMARY KEY ("connector_id","day","actor_id")
);

-- CreateTable
CREATE TABLE "activity_rollups_daily_country" (
    "connector_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "country_code" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "activity_rollups_daily_country_pkey" PRIMARY KEY ("connector_id","day","country_code")
);

-- CreateTable
CREATE TABLE "user_locations_seen" (
    "connector_id" UUID NOT NULL,
    "actor_id" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "country_code" TEXT,
    "country" TEXT,
    "city" TEXT,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "user_locations_seen_pkey" PRIMARY KEY ("connector_id","actor_id","ip")
);

-- CreateTable
CREATE TABLE "detection_policies" (
    "id" UUID NOT NULL,
    "builtin_key" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sensitivity" "Sensitivity" NOT NULL DEFAULT 'medium',
    "severity" "Severity" NOT NULL DEFAULT 'medium',
    "scope" JSONB NOT NULL DEFAULT '{}',
    "filter" JSONB,
    "trigger" JSONB,
    "actions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID,

    CONSTRAINT "detection_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "policy_id" UUID,
    "policy_key" TEXT NOT NULL,
    "policy_name" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "connector_id" UUID NOT NULL,
    "user_account_id" TEXT,
    "user_email" TEXT,
    "user_name" TEXT,
    "title" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "episode_key" TEXT NOT NULL,
    "activity_count" INTEGER NOT NULL DEFAULT 0,
    "first_activity_at" TIMESTAMPTZ(3) NOT NULL,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_activities" (
    "alert_id" UUID NOT NULL,
    "activity_seq" BIGINT NOT NULL,

    CONSTRAINT "alert_activities_pkey" PRIMARY KEY ("alert_id","activity_seq")
);

-- CreateTable
CREATE TABLE "detection_profiles" (
    "connector_id" UUID NOT NULL,
    "actor_id" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "detection_profiles_pkey" PRIMARY KEY ("connector_id","actor_id")
);

-- CreateTable
CREATE TABLE "ip_ranges" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "category" "IpCategory" NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cidrs" TEXT[],
    "location" JSONB,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID,

    CONSTRAINT "ip_ranges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "threat_lists" (
    "id" UUID NOT NULL,
    "tag" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "list_date" DATE,
    "cidrs" TEXT[],
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploaded_by_id" UUID,

    CONSTRAINT "threat_lists_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "activity_rollups_hourly_hour_idx" ON "activity_rollups_hourly"("hour");

-- CreateIndex
CREATE INDEX "activity_rollups_daily_actor_day_idx" ON "activity_rollups_daily_actor"("day");

-- CreateIndex
CREATE INDEX "activity_rollups_daily_country_day_idx" ON "activity_rollups_daily_country"("day");

-- CreateIndex
CREATE INDEX "user_locations_seen_connector_id_actor_id_last_seen_idx" ON "user_locations_seen"("connector_id", "actor_id", "last_seen" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "detection_policies_builtin_key_key" ON "detection_policies"("builtin_key");

-- CreateIndex
CREATE UNIQUE INDEX "detection_policies_name_key" ON "detection_policies"("name");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_episode_key_key" ON "alerts"("episode_key");

-- CreateIndex
CREATE INDEX "alerts_status_last_activity_at_idx" ON "alerts"("status", "last_activity_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_created_at_id_idx" ON "alerts"("created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "alerts_connector_id_user_account_id_idx" ON "alerts"("connector_id", "user_account_id");

-- CreateIndex
CREATE INDEX "alerts_policy_key_idx" ON "alerts"("policy_key");

-- CreateIndex
CREATE INDEX "alert_activities_activity_seq_idx" ON "alert_activities"("activity_seq");

-- CreateIndex
CREATE UNIQUE INDEX "ip_ranges_name_key" ON "ip_ranges"("name");

-- CreateIndex
CREATE UNIQUE INDEX "threat_lists_tag_key" ON "threat_lists"("tag");

-- CreateIndex
CREATE INDEX "activities_event_time_seq_idx" ON "activities"("event_time" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "activities_actor_id_event_time_seq_idx" ON "activities"("actor_id", "event_time" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "activities_action_event_time_seq_idx" ON "activities"("action", "event_time" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "activities_country_code_event_time_seq_idx" ON "activities"("country_code", "event_time" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "activities_ip_event_time_idx" ON "activities"("ip", "event_time" DESC);

-- CreateIndex
CREATE INDEX "activities_connector_id_seq_idx" ON "activities"("connector_id", "seq");

-- CreateIndex
CREATE INDEX "activities_search_text_idx" ON "activities" USING GIN ("search_text" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "detection_policies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_activities" ADD CONSTRAINT "alert_activities_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_activities" ADD CONSTRAINT "alert_activities_activity_seq_fkey" FOREIGN KEY ("activity_seq") REFERENCES "activities"("seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill the ingest-time columns for activities stored before this migration (normalize-event.ts).
UPDATE "activities" SET
  "is_admin_action" = ("action_group" IN ('Organization actions', 'Security policies', 'User management', 'Group actions', 'Product access', 'Domains')),
  "is_impersonation" = ("action" = 'user_logged_in_as_user' OR "on_behalf_of_id" IS NOT NULL),
  "location_source" = CASE WHEN "country" IS NOT NULL OR "city" IS NOT NULL OR "lat" IS NOT NULL THEN 'event' END,
  "search_text" = lower(concat_ws(' ', "actor_name", "actor_email", "actor_id", "action_name", "action", "target_name", host("ip"), "city", "country", "site_name", "message"));
