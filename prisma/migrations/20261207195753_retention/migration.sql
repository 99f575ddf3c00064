-- CreateTable
CREATE TABLE "retention_settings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "activities_days" INTEGER,
    "alerts_days" INTEGER,
    "governance_days" INTEGER,
    "deliveries_days" INTEGER,
    "audit_days" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" UUID,

    CONSTRAINT "retention_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_holds" (
    "id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "user_account_id" TEXT,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" UUID,
    "created_by_email" TEXT,
    "released_at" TIMESTAMPTZ(3),
    "released_by_id" UUID,
    "released_by_email" TEXT,

    CONSTRAINT "legal_holds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "legal_holds_connector_id_released_at_idx" ON "legal_holds"("connector_id", "released_at");

-- AddForeignKey
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
