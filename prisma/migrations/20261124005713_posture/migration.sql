-- CreateEnum
CREATE TYPE "RecommendationState" AS ENUM ('active', 'risk_accepted', 'resolved_alternative');

-- CreateTable
CREATE TABLE "recommendation_overrides" (
    "connector_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "state" "RecommendationState" NOT NULL,
    "reason" TEXT NOT NULL,
    "set_by_id" UUID,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recommendation_overrides_pkey" PRIMARY KEY ("connector_id","key")
);

-- CreateTable
CREATE TABLE "posture_evaluations" (
    "id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "points_earned" DOUBLE PRECISION NOT NULL,
    "points_possible" DOUBLE PRECISION NOT NULL,
    "results" JSONB NOT NULL,

    CONSTRAINT "posture_evaluations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "posture_evaluations_connector_id_at_idx" ON "posture_evaluations"("connector_id", "at" DESC);

-- AddForeignKey
ALTER TABLE "recommendation_overrides" ADD CONSTRAINT "recommendation_overrides_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posture_evaluations" ADD CONSTRAINT "posture_evaluations_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
