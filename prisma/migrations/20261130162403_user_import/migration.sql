-- AlterTable
ALTER TABLE "EndUser" ADD COLUMN     "importId" INTEGER;

-- CreateTable
CREATE TABLE "UserImport" (
    "id" SERIAL NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "users" INTEGER NOT NULL,

    CONSTRAINT "UserImport_pkey" PRIMARY KEY ("id")
);
