-- AlterTable
ALTER TABLE "connectors" ADD COLUMN     "missing_scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "scopes_checked_at" TIMESTAMPTZ(3);
