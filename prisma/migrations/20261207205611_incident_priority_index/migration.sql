-- CreateIndex
CREATE INDEX "incidents_severity_policy_count_last_activity_at_id_idx" ON "incidents"("severity" DESC, "policy_count" DESC, "last_activity_at" DESC, "id" DESC);
