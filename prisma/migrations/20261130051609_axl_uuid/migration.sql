-- AlterTable
ALTER TABLE "PresenceRedundancyGroup" ADD COLUMN     "uuid" UUID NOT NULL DEFAULT gen_random_uuid();

-- CreateIndex
CREATE UNIQUE INDEX "PresenceRedundancyGroup_uuid_key" ON "PresenceRedundancyGroup"("uuid");
