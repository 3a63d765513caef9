-- CreateTable
CREATE TABLE "ScheduledAction" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "nodeId" INTEGER,
    "fault" TEXT,
    "service" TEXT,
    "runAt" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "outcome" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "finishedAt" BIGINT,
    "drillRunId" INTEGER,

    CONSTRAINT "ScheduledAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Drill" (
    "id" SERIAL NOT NULL,
    "nameKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Drill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrillRun" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "scenario" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" BIGINT NOT NULL,
    "deadline" BIGINT NOT NULL,
    "endedAt" BIGINT,
    "status" TEXT NOT NULL DEFAULT 'running',

    CONSTRAINT "DrillRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScheduledAction_status_runAt_idx" ON "ScheduledAction"("status", "runAt");

-- CreateIndex
CREATE INDEX "ScheduledAction_groupId_runAt_idx" ON "ScheduledAction"("groupId", "runAt");

-- CreateIndex
CREATE INDEX "ScheduledAction_drillRunId_idx" ON "ScheduledAction"("drillRunId");

-- CreateIndex
CREATE UNIQUE INDEX "Drill_nameKey_key" ON "Drill"("nameKey");

-- CreateIndex
CREATE INDEX "DrillRun_groupId_status_idx" ON "DrillRun"("groupId", "status");
