-- AlterTable
ALTER TABLE "HaEvent" ADD COLUMN     "messageKey" TEXT,
ADD COLUMN     "messageValues" JSONB;
