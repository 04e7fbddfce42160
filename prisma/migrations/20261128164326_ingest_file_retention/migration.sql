-- AlterTable
ALTER TABLE "IngestRun" ADD COLUMN     "fileDeletedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "IngestRun_finishedAt_idx" ON "IngestRun"("finishedAt");
