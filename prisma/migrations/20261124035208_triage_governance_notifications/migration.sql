-- CreateEnum
CREATE TYPE "AlertClassification" AS ENUM ('true_positive', 'benign_true_positive', 'false_positive');

-- CreateEnum
CREATE TYPE "GovernanceActionKind" AS ENUM ('notify_user', 'require_sign_in', 'suspend_user', 'unsuspend_user');

-- CreateEnum
CREATE TYPE "WorkStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "NotificationChannelKind" AS ENUM ('email', 'webhook', 'slack', 'teams');

-- AlterTable
ALTER TABLE "alerts" ADD COLUMN     "assignee_id" UUID,
ADD COLUMN     "classification" "AlertClassification",
ADD COLUMN     "fanned_out_at" TIMESTAMPTZ(3),
ADD COLUMN     "resolution_reason" TEXT,
ADD COLUMN     "resolved_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "alert_comments" (
    "id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "author_id" UUID,
    "author_email" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_events" (
    "id" BIGSERIAL NOT NULL,
    "alert_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" TEXT,
    "actor_name" TEXT,
    "kind" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "alert_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "governance_actions" (
    "id" UUID NOT NULL,
    "action" "GovernanceActionKind" NOT NULL,
    "connector_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "user_email" TEXT,
    "user_name" TEXT,
    "alert_id" UUID,
    "reason" TEXT NOT NULL,
    "status" "WorkStatus" NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "triggered_by_kind" TEXT NOT NULL,
    "triggered_by_id" UUID,
    "triggered_by_email" TEXT,
    "triggered_by_policy_key" TEXT,
    "triggered_by_policy_name" TEXT,
    "options" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB NOT NULL DEFAULT '{}',
    "auto_restore_at" TIMESTAMPTZ(3),
    "revert_of_id" UUID,
    "dedupe_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "governance_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_channels" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "NotificationChannelKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "secret_ciphertext" TEXT,
    "secret_hint" TEXT,
    "min_severity" "Severity" NOT NULL DEFAULT 'low',
    "policy_keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "last_success_at" TIMESTAMPTZ(3),
    "last_failure_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID,

    CONSTRAINT "notification_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_deliveries" (
    "id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "alert_id" UUID,
    "message" JSONB NOT NULL,
    "status" "WorkStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "error" TEXT,
    "dedupe_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_comments_alert_id_created_at_idx" ON "alert_comments"("alert_id", "created_at");

-- CreateIndex
CREATE INDEX "alert_events_alert_id_at_idx" ON "alert_events"("alert_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "governance_actions_dedupe_key_key" ON "governance_actions"("dedupe_key");

-- CreateIndex
CREATE INDEX "governance_actions_connector_id_account_id_created_at_idx" ON "governance_actions"("connector_id", "account_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "governance_actions_created_at_id_idx" ON "governance_actions"("created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "governance_actions_status_next_attempt_at_idx" ON "governance_actions"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "governance_actions_alert_id_idx" ON "governance_actions"("alert_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_channels_name_key" ON "notification_channels"("name");

-- CreateIndex
CREATE UNIQUE INDEX "notification_deliveries_dedupe_key_key" ON "notification_deliveries"("dedupe_key");

-- CreateIndex
CREATE INDEX "notification_deliveries_channel_id_created_at_idx" ON "notification_deliveries"("channel_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "notification_deliveries_status_next_attempt_at_idx" ON "notification_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "alerts_assignee_id_idx" ON "alerts"("assignee_id");

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_comments" ADD CONSTRAINT "alert_comments_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "governance_actions" ADD CONSTRAINT "governance_actions_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "governance_actions" ADD CONSTRAINT "governance_actions_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "governance_actions" ADD CONSTRAINT "governance_actions_revert_of_id_fkey" FOREIGN KEY ("revert_of_id") REFERENCES "governance_actions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Alerts raised before this migration were never meant to notify anyone: mark them as fanned out.
UPDATE "alerts" SET "fanned_out_at" = "created_at";

-- The outbox sweep looks for alerts not yet fanned out.
CREATE INDEX "alerts_pending_fan_out_idx" ON "alerts" ("created_at") WHERE "fanned_out_at" IS NULL;
