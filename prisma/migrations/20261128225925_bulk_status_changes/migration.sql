-- CreateEnum
CREATE TYPE "BulkChangeState" AS ENUM ('QUEUED', 'RUNNING', 'DONE');

-- CreateEnum
CREATE TYPE "BulkItemOutcome" AS ENUM ('PENDING', 'DONE', 'SKIPPED', 'FAILED');

-- CreateTable
CREATE TABLE "BulkStatusChange" (
    "id" UUID NOT NULL,
    "toStatus" "IncidentStatus" NOT NULL,
    "reason" TEXT,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "state" "BulkChangeState" NOT NULL DEFAULT 'QUEUED',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BulkStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkStatusChangeItem" (
    "changeId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "outcome" "BulkItemOutcome" NOT NULL DEFAULT 'PENDING',
    "message" TEXT,

    CONSTRAINT "BulkStatusChangeItem_pkey" PRIMARY KEY ("changeId","incidentId")
);

-- CreateIndex
CREATE INDEX "BulkStatusChange_createdAt_idx" ON "BulkStatusChange"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "BulkStatusChangeItem_changeId_outcome_idx" ON "BulkStatusChangeItem"("changeId", "outcome");

-- CreateIndex
CREATE INDEX "BulkStatusChangeItem_incidentId_idx" ON "BulkStatusChangeItem"("incidentId");

-- AddForeignKey
ALTER TABLE "BulkStatusChange" ADD CONSTRAINT "BulkStatusChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkStatusChangeItem" ADD CONSTRAINT "BulkStatusChangeItem_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "BulkStatusChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkStatusChangeItem" ADD CONSTRAINT "BulkStatusChangeItem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
