-- AlterTable
ALTER TABLE "EndUser" ADD COLUMN     "servingNodeId" INTEGER,
ADD COLUMN     "signedIn" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "awaitingSrmRestart" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "bootUntil" BIGINT,
ADD COLUMN     "criticalDownSince" BIGINT,
ADD COLUMN     "faultMoveFailure" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "faultStartFailure" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "haReason" TEXT NOT NULL DEFAULT 'High Availability Not Enabled',
ADD COLUMN     "haState" TEXT NOT NULL DEFAULT 'Unknown',
ADD COLUMN     "haStateSince" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "healthySince" BIGINT,
ADD COLUMN     "homeServedById" INTEGER,
ADD COLUMN     "isolated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lastPeerHeartbeat" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "power" TEXT NOT NULL DEFAULT 'ON',
ADD COLUMN     "servicesStoppedBySrm" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "srmInitUntil" BIGINT,
ADD COLUMN     "srmResumeState" TEXT;

-- AlterTable
ALTER TABLE "PresenceRedundancyGroup" ADD COLUMN     "opFromId" INTEGER,
ADD COLUMN     "opKind" TEXT,
ADD COLUMN     "opReason" TEXT,
ADD COLUMN     "opStep" INTEGER,
ADD COLUMN     "opStepEndsAt" BIGINT,
ADD COLUMN     "opToId" INTEGER;

-- CreateTable
CREATE TABLE "HaEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "groupId" INTEGER,
    "nodeId" INTEGER,
    "kind" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "reason" TEXT,
    "actor" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "HaEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("scope","key")
);

-- CreateIndex
CREATE INDEX "HaEvent_groupId_at_idx" ON "HaEvent"("groupId", "at");

-- CreateIndex
CREATE INDEX "HaEvent_at_idx" ON "HaEvent"("at");

-- CreateIndex
CREATE INDEX "EndUser_servingNodeId_idx" ON "EndUser"("servingNodeId");

-- AddForeignKey
ALTER TABLE "EndUser" ADD CONSTRAINT "EndUser_servingNodeId_fkey" FOREIGN KEY ("servingNodeId") REFERENCES "Node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
