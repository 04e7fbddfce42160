-- AlterTable
ALTER TABLE "IngestRun" ADD COLUMN     "heartbeatAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "IngestRun_status_heartbeatAt_idx" ON "IngestRun"("status", "heartbeatAt");
