-- CreateEnum
CREATE TYPE "DeliveryMode" AS ENUM ('IMMEDIATE', 'EVERY_N_HOURS', 'DAILY');

-- CreateEnum
CREATE TYPE "NoticeOutcome" AS ENUM ('QUEUED', 'HELD', 'DIGEST', 'FOLDED', 'SUPPRESSED', 'NO_CONTACT');

-- AlterEnum
ALTER TYPE "NotificationPurpose" ADD VALUE 'DIGEST';

-- AlterEnum
ALTER TYPE "NotificationState" ADD VALUE 'DIGEST';

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "noContactAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "digestDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "digestId" UUID,
ADD COLUMN     "folded" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "deliveryMode" "DeliveryMode" NOT NULL DEFAULT 'IMMEDIATE',
ADD COLUMN     "digestAtMinute" INTEGER,
ADD COLUMN     "digestEveryHours" INTEGER;

-- CreateTable
CREATE TABLE "NoticeDigest" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "contactId" UUID,
    "toAddress" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "state" "NotificationState" NOT NULL DEFAULT 'QUEUED',
    "subject" TEXT,
    "messageId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "claimedBy" TEXT,
    "lastError" TEXT,
    "smtpResponse" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NoticeDigest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeDecision" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "purpose" "NotificationPurpose" NOT NULL,
    "round" INTEGER NOT NULL,
    "outcome" "NoticeOutcome" NOT NULL,
    "immediateBecause" TEXT,
    "digestDueAt" TIMESTAMPTZ(3),
    "allowListEntryId" UUID,
    "reason" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDigest_messageId_key" ON "NoticeDigest"("messageId");

-- CreateIndex
CREATE INDEX "NoticeDigest_state_nextAttemptAt_idx" ON "NoticeDigest"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDigest_organisationId_contactId_periodKey_key" ON "NoticeDigest"("organisationId", "contactId", "periodKey");

-- CreateIndex
CREATE INDEX "NoticeDecision_incidentId_createdAt_idx" ON "NoticeDecision"("incidentId", "createdAt");

-- CreateIndex
CREATE INDEX "NoticeDecision_organisationId_createdAt_idx" ON "NoticeDecision"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_state_digestDueAt_idx" ON "Notification"("state", "digestDueAt");

-- CreateIndex
CREATE INDEX "Notification_digestId_idx" ON "Notification"("digestId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_digestId_fkey" FOREIGN KEY ("digestId") REFERENCES "NoticeDigest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDigest" ADD CONSTRAINT "NoticeDigest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDigest" ADD CONSTRAINT "NoticeDigest_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDecision" ADD CONSTRAINT "NoticeDecision_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDecision" ADD CONSTRAINT "NoticeDecision_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
