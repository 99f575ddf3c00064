-- AlterTable
ALTER TABLE "activities" ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'audit_log';

-- CreateTable
CREATE TABLE "atlassian_sites" (
    "id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "products" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "is_protected" BOOLEAN NOT NULL DEFAULT false,
    "protected_at" TIMESTAMPTZ(3),
    "protected_by_id" UUID,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "atlassian_sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_cas" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cert_pem" TEXT NOT NULL,
    "key_ciphertext" TEXT,
    "subject" TEXT NOT NULL,
    "fingerprint256" TEXT NOT NULL,
    "not_after" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" UUID,

    CONSTRAINT "device_cas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_certificates" (
    "id" UUID NOT NULL,
    "ca_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "fingerprint256" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "issued_by_id" UUID,
    "revoked_by_id" UUID,

    CONSTRAINT "device_certificates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proxy_sessions" (
    "id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "site_host" TEXT NOT NULL,
    "account_id" TEXT,
    "user_email" TEXT,
    "user_name" TEXT,
    "device_managed" BOOLEAN NOT NULL DEFAULT false,
    "device_subject" TEXT,
    "device_serial" TEXT,
    "ip" TEXT,
    "country_code" TEXT,
    "user_agent" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "bytes_sent" BIGINT NOT NULL DEFAULT 0,
    "ended_at" TIMESTAMPTZ(3),
    "ended_by_id" UUID,

    CONSTRAINT "proxy_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "atlassian_sites_host_idx" ON "atlassian_sites"("host");

-- CreateIndex
CREATE UNIQUE INDEX "atlassian_sites_connector_id_host_key" ON "atlassian_sites"("connector_id", "host");

-- CreateIndex
CREATE UNIQUE INDEX "device_cas_fingerprint256_key" ON "device_cas"("fingerprint256");

-- CreateIndex
CREATE UNIQUE INDEX "device_certificates_serial_key" ON "device_certificates"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "device_certificates_fingerprint256_key" ON "device_certificates"("fingerprint256");

-- CreateIndex
CREATE INDEX "device_certificates_revoked_at_idx" ON "device_certificates"("revoked_at");

-- CreateIndex
CREATE INDEX "proxy_sessions_last_activity_at_idx" ON "proxy_sessions"("last_activity_at" DESC);

-- CreateIndex
CREATE INDEX "proxy_sessions_connector_id_last_activity_at_idx" ON "proxy_sessions"("connector_id", "last_activity_at" DESC);

-- AddForeignKey
ALTER TABLE "atlassian_sites" ADD CONSTRAINT "atlassian_sites_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_certificates" ADD CONSTRAINT "device_certificates_ca_id_fkey" FOREIGN KEY ("ca_id") REFERENCES "device_cas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proxy_sessions" ADD CONSTRAINT "proxy_sessions_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
