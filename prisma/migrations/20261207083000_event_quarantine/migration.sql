-- AlterTable
ALTER TABLE "connectors" ADD COLUMN     "events_quarantined" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "quarantined_events" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" UUID NOT NULL,
    "quarantine_key" TEXT NOT NULL,
    "event_id" TEXT,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "raw_truncated" BOOLEAN NOT NULL DEFAULT false,
    "raw_bytes" INTEGER NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "quarantined_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "quarantined_events_connector_id_id_idx" ON "quarantined_events"("connector_id", "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "quarantined_events_connector_id_quarantine_key_key" ON "quarantined_events"("connector_id", "quarantine_key");

-- AddForeignKey
ALTER TABLE "quarantined_events" ADD CONSTRAINT "quarantined_events_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
