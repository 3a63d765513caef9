-- AlterTable
ALTER TABLE "AdminUser" ADD COLUMN     "locale" TEXT;
