-- CreateEnum
CREATE TYPE "ChangeRequestKind" AS ENUM ('ADD_CONTACT', 'REMOVE_CONTACT', 'CHANGE_EMAIL');

-- CreateEnum
CREATE TYPE "ChangeRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "resolutionNote" TEXT,
ADD COLUMN     "resolvedBy" TEXT;

-- CreateTable
CREATE TABLE "ContactChangeRequest" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "kind" "ChangeRequestKind" NOT NULL,
    "contactId" UUID,
    "payload" JSONB NOT NULL,
    "reason" TEXT,
    "status" "ChangeRequestStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" UUID,
    "requestedByLabel" TEXT NOT NULL,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactChangeRequest_organisationId_status_idx" ON "ContactChangeRequest"("organisationId", "status");

-- CreateIndex
CREATE INDEX "ContactChangeRequest_status_createdAt_idx" ON "ContactChangeRequest"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "ContactChangeRequest" ADD CONSTRAINT "ContactChangeRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
