-- AlterTable
ALTER TABLE "activities" ADD COLUMN     "session_outcome" TEXT,
ADD COLUMN     "session_policy_ids" UUID[] DEFAULT ARRAY[]::UUID[];

-- CreateTable
CREATE TABLE "session_policies" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "control_type" TEXT NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '{}',
    "action" JSONB NOT NULL,
    "notify_user" BOOLEAN NOT NULL DEFAULT false,
    "alert" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID,

    CONSTRAINT "session_policies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "session_policies_name_key" ON "session_policies"("name");

-- CreateIndex
CREATE INDEX "session_policies_enabled_priority_idx" ON "session_policies"("enabled", "priority");

-- The activity log's outcome= and policy= filters (hand-written: partial indexes over the few proxy activities a policy matched).
CREATE INDEX "activities_session_outcome_idx" ON "activities" ("session_outcome", "event_time" DESC, "seq" DESC) WHERE "session_outcome" IS NOT NULL;
CREATE INDEX "activities_session_policy_ids_idx" ON "activities" USING GIN ("session_policy_ids") WHERE "session_outcome" IS NOT NULL;
