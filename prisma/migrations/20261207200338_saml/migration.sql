-- CreateTable
CREATE TABLE "saml_requests" (
    "id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saml_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saml_assertions" (
    "issuer" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "not_on_or_after" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_assertions_pkey" PRIMARY KEY ("issuer","id")
);

-- CreateIndex
CREATE INDEX "saml_requests_created_at_idx" ON "saml_requests"("created_at");

-- CreateIndex
CREATE INDEX "saml_assertions_not_on_or_after_idx" ON "saml_assertions"("not_on_or_after");
