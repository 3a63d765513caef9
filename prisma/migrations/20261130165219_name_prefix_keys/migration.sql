-- AlterTable
ALTER TABLE "EndUser" ADD COLUMN     "firstKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "lastKey" TEXT NOT NULL DEFAULT '';

-- Written by hand. A "begins with" search is LIKE 'x%' on a lower-cased key, which a B-tree index serves only
-- under the C collation: the keys are collated "C" whatever the database's collation (their order is never shown).
ALTER TABLE "EndUser" ALTER COLUMN "userKey" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "EndUser" ALTER COLUMN "firstKey" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "EndUser" ALTER COLUMN "lastKey" SET DATA TYPE TEXT COLLATE "C";

-- Written by hand. Existing users get their name keys. Every writer then sets them (no default to forget).
UPDATE "EndUser" SET "firstKey" = lower("firstName"), "lastKey" = lower("lastName");
ALTER TABLE "EndUser" ALTER COLUMN "firstKey" DROP DEFAULT,
ALTER COLUMN "lastKey" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "EndUser_firstKey_idx" ON "EndUser"("firstKey");

-- CreateIndex
CREATE INDEX "EndUser_lastKey_idx" ON "EndUser"("lastKey");