-- The partial index of the first triage migration is not expressible in the Prisma schema (drift test): a plain one replaces it.
DROP INDEX IF EXISTS "alerts_pending_fan_out_idx";

-- CreateIndex
CREATE INDEX "alerts_fanned_out_at_created_at_idx" ON "alerts"("fanned_out_at", "created_at");
