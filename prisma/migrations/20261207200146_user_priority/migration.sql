-- CreateTable
CREATE TABLE "user_priorities" (
    "connector_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "trend" INTEGER[],
    "contributions" JSONB NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_priorities_pkey" PRIMARY KEY ("connector_id","account_id")
);

-- CreateIndex
CREATE INDEX "user_priorities_score_idx" ON "user_priorities"("score" DESC);

-- CreateIndex
CREATE INDEX "alerts_connector_id_updated_at_idx" ON "alerts"("connector_id", "updated_at");

-- AddForeignKey
ALTER TABLE "user_priorities" ADD CONSTRAINT "user_priorities_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
