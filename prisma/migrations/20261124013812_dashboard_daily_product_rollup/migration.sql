-- CreateTable
CREATE TABLE "activity_rollups_daily_product" (
    "connector_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "product" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "activity_rollups_daily_product_pkey" PRIMARY KEY ("connector_id","day","product")
);

-- CreateIndex
CREATE INDEX "activity_rollups_daily_product_day_idx" ON "activity_rollups_daily_product"("day");
