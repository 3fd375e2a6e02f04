-- AlterTable
ALTER TABLE "ingest_run" ADD COLUMN     "characters_removed" INTEGER NOT NULL DEFAULT 0;
