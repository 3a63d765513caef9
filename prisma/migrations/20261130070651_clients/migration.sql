-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN     "multipleDeviceMessaging" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "EndUser" ADD COLUMN     "clientDual" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "clientKind" TEXT NOT NULL DEFAULT 'desktop',
ADD COLUMN     "clientSecure" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "OutageReport" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fromNodeId" INTEGER NOT NULL,
    "toNodeId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "affected" INTEGER NOT NULL,
    "dual" INTEGER NOT NULL,
    "push" INTEGER NOT NULL,
    "p50Ms" INTEGER NOT NULL,
    "p95Ms" INTEGER NOT NULL,
    "p99Ms" INTEGER NOT NULL,
    "maxMs" INTEGER NOT NULL,
    "series" JSONB NOT NULL,

    CONSTRAINT "OutageReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutageReport_groupId_at_idx" ON "OutageReport"("groupId", "at");
