-- CreateEnum
CREATE TYPE "InboundMailSource" AS ENUM ('IMAP', 'DEV_MAILBOX');

-- CreateEnum
CREATE TYPE "InboundMailKind" AS ENUM ('REPLY', 'AUTO_REPLY', 'BOUNCE', 'OWN_MESSAGE', 'MALFORMED', 'TOO_LARGE');

-- CreateEnum
CREATE TYPE "InboundMailState" AS ENUM ('ATTACHED', 'UNMATCHED', 'DISCARDED', 'RECORDED');

-- AlterEnum
ALTER TYPE "NotificationPurpose" ADD VALUE 'MESSAGE';

-- AlterEnum
ALTER TYPE "NotificationState" ADD VALUE 'BOUNCED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TimelineEventType" ADD VALUE 'MAIL_RECEIVED';
ALTER TYPE "TimelineEventType" ADD VALUE 'MAIL_SENT';
ALTER TYPE "TimelineEventType" ADD VALUE 'MAIL_BOUNCED';

-- DropIndex
DROP INDEX "Notification_incidentId_contactId_purpose_round_key";

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "hardBounces" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastBounce" TEXT,
ADD COLUMN     "lastBounceAt" TIMESTAMPTZ(3),
ADD COLUMN     "undeliverableAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "DevMail" ADD COLUMN     "pickedUpAt" TIMESTAMPTZ(3),
ADD COLUMN     "toCsirt" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "batch" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "body" TEXT,
ADD COLUMN     "bounceDiagnostic" TEXT,
ADD COLUMN     "bouncedAt" TIMESTAMPTZ(3),
ADD COLUMN     "references" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "InboundMail" (
    "id" UUID NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "source" "InboundMailSource" NOT NULL,
    "messageId" TEXT,
    "kind" "InboundMailKind" NOT NULL,
    "state" "InboundMailState" NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "fromName" TEXT,
    "subject" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "inReplyTo" TEXT,
    "references" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "authResults" TEXT,
    "text" TEXT NOT NULL,
    "foldedText" TEXT,
    "attachments" JSONB,
    "note" TEXT NOT NULL,
    "incidentId" UUID,
    "contactId" UUID,
    "sizeBytes" INTEGER NOT NULL,
    "raw" BYTEA,
    "rawExpiresAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundMail_dedupeKey_key" ON "InboundMail"("dedupeKey");

-- CreateIndex
CREATE INDEX "InboundMail_state_receivedAt_idx" ON "InboundMail"("state", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "InboundMail_incidentId_receivedAt_idx" ON "InboundMail"("incidentId", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundMail_messageId_idx" ON "InboundMail"("messageId");

-- CreateIndex
CREATE INDEX "InboundMail_rawExpiresAt_idx" ON "InboundMail"("rawExpiresAt");

-- CreateIndex
CREATE INDEX "DevMail_toCsirt_pickedUpAt_idx" ON "DevMail"("toCsirt", "pickedUpAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_incidentId_contactId_purpose_round_batch_key" ON "Notification"("incidentId", "contactId", "purpose", "round", "batch");

-- AddForeignKey
ALTER TABLE "InboundMail" ADD CONSTRAINT "InboundMail_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundMail" ADD CONSTRAINT "InboundMail_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;
