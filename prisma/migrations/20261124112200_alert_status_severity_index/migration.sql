-- Counts per status (every triage list page) and open alerts per severity (dashboard) read this index alone (bench:load).
-- CreateIndex
CREATE INDEX "alerts_status_severity_idx" ON "alerts"("status", "severity");
