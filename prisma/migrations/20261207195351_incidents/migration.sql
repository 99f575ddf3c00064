-- AlterTable
ALTER TABLE "alerts" ADD COLUMN     "incident_id" UUID;

-- AlterTable
ALTER TABLE "notification_channels" ADD COLUMN     "message_per" TEXT NOT NULL DEFAULT 'alert';

-- CreateTable
CREATE TABLE "incidents" (
    "id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "user_account_id" TEXT NOT NULL,
    "user_email" TEXT,
    "user_name" TEXT,
    "severity" "Severity" NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "alert_count" INTEGER NOT NULL DEFAULT 0,
    "policy_count" INTEGER NOT NULL DEFAULT 0,
    "first_activity_at" TIMESTAMPTZ(3) NOT NULL,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,
    "joinable_until" TIMESTAMPTZ(3) NOT NULL,
    "assignee_id" UUID,
    "classification" "AlertClassification",
    "resolution_reason" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_comments" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "author_id" UUID,
    "author_email" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_events" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" TEXT,
    "actor_name" TEXT,
    "kind" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "incident_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_settings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "window_hours" INTEGER NOT NULL DEFAULT 24,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" UUID,

    CONSTRAINT "incident_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "incidents_connector_id_user_account_id_joinable_until_idx" ON "incidents"("connector_id", "user_account_id", "joinable_until" DESC);

-- CreateIndex
CREATE INDEX "incidents_status_severity_idx" ON "incidents"("status", "severity");

-- CreateIndex
CREATE INDEX "incidents_assignee_id_idx" ON "incidents"("assignee_id");

-- CreateIndex
CREATE INDEX "incidents_severity_last_activity_at_id_idx" ON "incidents"("severity" DESC, "last_activity_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "incidents_last_activity_at_id_idx" ON "incidents"("last_activity_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "incidents_created_at_id_idx" ON "incidents"("created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "incident_comments_incident_id_created_at_idx" ON "incident_comments"("incident_id", "created_at");

-- CreateIndex
CREATE INDEX "incident_events_incident_id_at_idx" ON "incident_events"("incident_id", "at");

-- CreateIndex
CREATE INDEX "alerts_incident_id_idx" ON "alerts"("incident_id");

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_comments" ADD CONSTRAINT "incident_comments_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
