-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "srmPeerView" JSONB;
