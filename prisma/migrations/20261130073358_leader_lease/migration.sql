-- CreateTable
CREATE TABLE "ConsoleLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "token" BIGINT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "labNow" BIGINT NOT NULL,
    "labSpeed" DOUBLE PRECISION NOT NULL,
    "renewedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsoleLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ConsoleInstance" (
    "id" TEXT NOT NULL,
    "hostName" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeen" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsoleInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsoleRequest" (
    "id" BIGSERIAL NOT NULL,
    "command" JSONB NOT NULL,
    "from" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "status" INTEGER,
    "result" JSONB,
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConsoleRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleLease_token_key" ON "ConsoleLease"("token");

-- CreateIndex
CREATE INDEX "ConsoleRequest_status_id_idx" ON "ConsoleRequest"("status", "id");
