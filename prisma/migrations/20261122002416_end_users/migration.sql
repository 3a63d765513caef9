-- CreateTable
CREATE TABLE "EndUser" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL DEFAULT '',
    "lastName" TEXT NOT NULL DEFAULT '',
    "assignedNodeId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EndUser_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EndUser_userId_key" ON "EndUser"("userId");

-- CreateIndex
CREATE INDEX "EndUser_assignedNodeId_idx" ON "EndUser"("assignedNodeId");

-- AddForeignKey
ALTER TABLE "EndUser" ADD CONSTRAINT "EndUser_assignedNodeId_fkey" FOREIGN KEY ("assignedNodeId") REFERENCES "Node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
