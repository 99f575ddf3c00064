-- AlterTable
ALTER TABLE "users" ADD COLUMN     "break_glass" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sso_issuer" TEXT,
ADD COLUMN     "sso_subject" TEXT;

-- CreateTable
CREATE TABLE "sso_configs" (
    "id" UUID NOT NULL,
    "protocol" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_ciphertext" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "groups_claim" TEXT NOT NULL,
    "metadata" JSONB NOT NULL,
    "role_mappings" JSONB NOT NULL DEFAULT '[]',
    "default_role" "Role",
    "require_sso" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" UUID,

    CONSTRAINT "sso_configs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sso_configs_protocol_key" ON "sso_configs"("protocol");

-- CreateIndex
CREATE UNIQUE INDEX "users_sso_issuer_sso_subject_key" ON "users"("sso_issuer", "sso_subject");
