-- AlterTable
ALTER TABLE "connectors" ADD COLUMN     "poll_interval_ms" INTEGER NOT NULL DEFAULT 2000,
ADD COLUMN     "sync_lease_claimed_by" INTEGER;

-- AlterTable
ALTER TABLE "governance_actions" ADD COLUMN     "claimed_by" INTEGER;

-- AlterTable
ALTER TABLE "notification_deliveries" ADD COLUMN     "claimed_by" INTEGER;
