-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';
