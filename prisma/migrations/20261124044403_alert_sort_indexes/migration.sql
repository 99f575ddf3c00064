-- CreateIndex
CREATE INDEX "alerts_severity_created_at_id_idx" ON "alerts"("severity" DESC, "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "alerts_last_activity_at_id_idx" ON "alerts"("last_activity_at" DESC, "id" DESC);
