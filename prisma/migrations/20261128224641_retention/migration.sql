-- CreateEnum
CREATE TYPE "RetentionRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED');

-- AlterEnum
ALTER TYPE "TimelineEventType" ADD VALUE 'LEGAL_HOLD';

-- AlterTable
ALTER TABLE "InboundMail" ADD COLUMN     "bodyPurgedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "anonymisedAt" TIMESTAMPTZ(3),
ADD COLUMN     "legalHold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "legalHoldAt" TIMESTAMPTZ(3),
ADD COLUMN     "legalHoldById" UUID,
ADD COLUMN     "legalHoldReason" TEXT;

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "RetentionRunStatus" NOT NULL DEFAULT 'RUNNING',
    "policy" JSONB NOT NULL,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "errors" JSONB NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RetentionRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RetentionRun_startedAt_idx" ON "RetentionRun"("startedAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_status_anonymisedAt_idx" ON "Incident"("status", "anonymisedAt");
