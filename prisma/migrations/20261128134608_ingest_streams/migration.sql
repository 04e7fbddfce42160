-- AlterTable
ALTER TABLE "IngestRun" ADD COLUMN     "dataEnd" TIMESTAMPTZ(3),
ADD COLUMN     "dataStart" TIMESTAMPTZ(3),
ADD COLUMN     "implausibleFlows" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "notes" JSONB,
ADD COLUMN     "repeatedFlows" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "streamId" UUID;

-- CreateTable
CREATE TABLE "IngestStream" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "state" BYTEA,
    "stateVersion" INTEGER NOT NULL DEFAULT 0,
    "clock" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IngestStream_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentFlowKeys" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "ingestRunId" UUID,
    "flows" INTEGER NOT NULL,
    "flowKeys" BYTEA NOT NULL,
    "targetKeys" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentFlowKeys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IngestStream_name_key" ON "IngestStream"("name");

-- CreateIndex
CREATE INDEX "IncidentFlowKeys_incidentId_round_idx" ON "IncidentFlowKeys"("incidentId", "round");

-- CreateIndex
CREATE INDEX "IngestRun_streamId_createdAt_idx" ON "IngestRun"("streamId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "IngestRun" ADD CONSTRAINT "IngestRun_streamId_fkey" FOREIGN KEY ("streamId") REFERENCES "IngestStream"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentFlowKeys" ADD CONSTRAINT "IncidentFlowKeys_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
