-- CreateEnum
CREATE TYPE "SuppressionNoticeKind" AS ENUM ('EXPIRY_WARNING');

-- AlterTable
ALTER TABLE "AllowListEntry" ADD COLUMN     "decidedById" UUID,
ADD COLUMN     "hitCount" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "lastHitAt" TIMESTAMPTZ(3),
ADD COLUMN     "refusalReason" TEXT,
ADD COLUMN     "refusedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "SuppressionNotice" (
    "id" UUID NOT NULL,
    "allowListEntryId" UUID NOT NULL,
    "kind" "SuppressionNoticeKind" NOT NULL,
    "toAddresses" TEXT[],
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "state" "NotificationState" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "smtpResponse" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuppressionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SuppressionNotice_messageId_key" ON "SuppressionNotice"("messageId");

-- CreateIndex
CREATE INDEX "SuppressionNotice_state_nextAttemptAt_idx" ON "SuppressionNotice"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "SuppressionNotice_allowListEntryId_kind_key" ON "SuppressionNotice"("allowListEntryId", "kind");

-- CreateIndex
CREATE INDEX "AllowListEntry_expiresAt_idx" ON "AllowListEntry"("expiresAt");

-- AddForeignKey
ALTER TABLE "AllowListEntry" ADD CONSTRAINT "AllowListEntry_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuppressionNotice" ADD CONSTRAINT "SuppressionNotice_allowListEntryId_fkey" FOREIGN KEY ("allowListEntryId") REFERENCES "AllowListEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
