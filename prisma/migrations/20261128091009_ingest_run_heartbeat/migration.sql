-- AlterEnum
ALTER TYPE "IngestStatus" ADD VALUE 'INTERRUPTED';

-- AlterTable
-- Runs left RUNNING by processes that died before this migration get its time as their last
-- heartbeat: the first sweep after it marks them INTERRUPTED.
ALTER TABLE "ingest_run" ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "heartbeat_ms" INTEGER NOT NULL DEFAULT 10000;

-- CreateIndex
CREATE INDEX "ingest_run_status_heartbeat_at_idx" ON "ingest_run"("status", "heartbeat_at");
