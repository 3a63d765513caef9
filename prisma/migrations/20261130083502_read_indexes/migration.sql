-- DropIndex
DROP INDEX "EndUser_servingNodeId_idx";

-- CreateIndex
CREATE INDEX "EndUser_servingNodeId_signedIn_idx" ON "EndUser"("servingNodeId", "signedIn");

-- CreateIndex
CREATE INDEX "HaEvent_nodeId_at_idx" ON "HaEvent"("nodeId", "at");
