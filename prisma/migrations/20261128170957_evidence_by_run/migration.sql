-- CreateIndex
CREATE INDEX "Evidence_ingestRunId_idx" ON "Evidence"("ingestRunId");
