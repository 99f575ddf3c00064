-- CreateTable
CREATE TABLE "activity_rollups_weekly_actor" (
    "connector_id" UUID NOT NULL,
    "week" DATE NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT,
    "actor_email" TEXT,
    "count" INTEGER NOT NULL,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "activity_rollups_weekly_actor_pkey" PRIMARY KEY ("connector_id","week","actor_id")
);

-- CreateIndex
CREATE INDEX "activity_rollups_weekly_actor_week_idx" ON "activity_rollups_weekly_actor"("week");

-- From the daily rows, which hold every activity folded so far (the rollups cursor does not move): the weekly rows
-- then continue incrementally with the daily ones. The latest day's name and email of each week, as the fold keeps.
INSERT INTO "activity_rollups_weekly_actor" ("connector_id", "week", "actor_id", "actor_name", "actor_email", "count", "failed_logins")
SELECT "connector_id", date_trunc('week', "day"::timestamp)::date, "actor_id",
  (array_agg("actor_name" ORDER BY "day" DESC) FILTER (WHERE "actor_name" IS NOT NULL))[1],
  (array_agg("actor_email" ORDER BY "day" DESC) FILTER (WHERE "actor_email" IS NOT NULL))[1],
  sum("count"), sum("failed_logins")
FROM "activity_rollups_daily_actor" GROUP BY 1, 2, 3;
