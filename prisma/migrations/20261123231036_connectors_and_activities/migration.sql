-- CreateEnum
CREATE TYPE "ConnectorStatus" AS ENUM ('connecting', 'syncing', 'connected', 'degraded', 'error', 'disabled');

-- CreateTable
CREATE TABLE "connectors" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "app" TEXT NOT NULL DEFAULT 'atlassian',
    "org_id" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "api_key_ciphertext" TEXT NOT NULL,
    "api_key_last4" TEXT NOT NULL,
    "rate_bucket_key" TEXT NOT NULL,
    "api_key_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "api_key_set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "ConnectorStatus" NOT NULL DEFAULT 'connecting',
    "status_detail" TEXT,
    "next_retry_at" TIMESTAMPTZ(3),
    "failure_count" INTEGER NOT NULL DEFAULT 0,
    "backfill_days" INTEGER NOT NULL DEFAULT 0,
    "sync_from" TIMESTAMPTZ(3) NOT NULL,
    "cursor" TEXT,
    "initial_sync_done_at" TIMESTAMPTZ(3),
    "last_sync_at" TIMESTAMPTZ(3),
    "last_processed_at" TIMESTAMPTZ(3),
    "is_caught_up" BOOLEAN NOT NULL DEFAULT false,
    "directory_synced_at" TIMESTAMPTZ(3),
    "activities_stored" BIGINT NOT NULL DEFAULT 0,
    "dropped_unverified" BIGINT NOT NULL DEFAULT 0,
    "duplicates_skipped" BIGINT NOT NULL DEFAULT 0,
    "rate_limited" BIGINT NOT NULL DEFAULT 0,
    "users_synced" INTEGER NOT NULL DEFAULT 0,
    "sync_lease_owner" TEXT,
    "sync_lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID,

    CONSTRAINT "connectors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connector_events" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "status" "ConnectorStatus",
    "detail" TEXT,
    "actor_email" TEXT,

    CONSTRAINT "connector_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "seq" BIGSERIAL NOT NULL,
    "connector_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(3) NOT NULL,
    "processed_at" TIMESTAMPTZ(3),
    "stored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "action_name" TEXT,
    "action_group" TEXT,
    "product" TEXT NOT NULL,
    "site_id" TEXT,
    "site_name" TEXT,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT,
    "actor_email" TEXT,
    "on_behalf_of_id" TEXT,
    "auth_type" TEXT,
    "token_id" TEXT,
    "is_system" BOOLEAN NOT NULL DEFAULT false,
    "targets" JSONB,
    "target_name" TEXT,
    "ip" INET,
    "country" TEXT,
    "region" TEXT,
    "city" TEXT,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "message" TEXT,
    "raw" JSONB NOT NULL,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "atlassian_users" (
    "id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "domain" TEXT,
    "status" TEXT NOT NULL,
    "is_admin" BOOLEAN NOT NULL DEFAULT false,
    "platform_roles" TEXT[],
    "last_active_at" TIMESTAMPTZ(3),
    "raw" JSONB,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "atlassian_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "org_domains" (
    "id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claim_type" TEXT,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "org_domains_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "org_policies" (
    "id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "policy_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT,
    "status" TEXT,
    "attributes" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "org_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_buckets" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "window_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "connectors_name_key" ON "connectors"("name");

-- CreateIndex
CREATE UNIQUE INDEX "connectors_base_url_org_id_key" ON "connectors"("base_url", "org_id");

-- CreateIndex
CREATE INDEX "connector_events_connector_id_at_idx" ON "connector_events"("connector_id", "at" DESC);

-- CreateIndex
CREATE INDEX "activities_connector_id_event_time_idx" ON "activities"("connector_id", "event_time" DESC);

-- CreateIndex
CREATE INDEX "activities_actor_id_event_time_idx" ON "activities"("actor_id", "event_time" DESC);

-- CreateIndex
CREATE INDEX "activities_event_time_idx" ON "activities"("event_time" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "activities_connector_id_event_id_key" ON "activities"("connector_id", "event_id");

-- CreateIndex
CREATE INDEX "atlassian_users_email_idx" ON "atlassian_users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "atlassian_users_connector_id_account_id_key" ON "atlassian_users"("connector_id", "account_id");

-- CreateIndex
CREATE UNIQUE INDEX "org_domains_connector_id_name_key" ON "org_domains"("connector_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "org_policies_connector_id_policy_id_key" ON "org_policies"("connector_id", "policy_id");

-- AddForeignKey
ALTER TABLE "connector_events" ADD CONSTRAINT "connector_events_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "atlassian_users" ADD CONSTRAINT "atlassian_users_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_domains" ADD CONSTRAINT "org_domains_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_policies" ADD CONSTRAINT "org_policies_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
