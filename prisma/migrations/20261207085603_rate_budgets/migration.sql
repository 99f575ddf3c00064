-- AlterTable
ALTER TABLE "rate_buckets" ADD COLUMN     "learned_limit" INTEGER,
ADD COLUMN     "lowered_limit" INTEGER,
ADD COLUMN     "lowered_until" TIMESTAMPTZ(3),
ADD COLUMN     "remaining" INTEGER,
ADD COLUMN     "reset_at" TIMESTAMPTZ(3);
