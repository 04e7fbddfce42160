-- AlterTable
ALTER TABLE "IngestRun" ADD COLUMN     "apiTokenId" UUID;

-- CreateIndex
CREATE INDEX "IngestRun_apiTokenId_createdAt_idx" ON "IngestRun"("apiTokenId", "createdAt");

-- AddForeignKey
ALTER TABLE "IngestRun" ADD CONSTRAINT "IngestRun_apiTokenId_fkey" FOREIGN KEY ("apiTokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;
