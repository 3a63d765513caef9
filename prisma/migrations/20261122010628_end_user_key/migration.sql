-- AlterTable
ALTER TABLE "EndUser" ADD COLUMN     "userKey" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "EndUser_userKey_key" ON "EndUser"("userKey");
