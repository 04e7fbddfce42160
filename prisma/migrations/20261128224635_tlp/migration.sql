-- CreateEnum
CREATE TYPE "Tlp" AS ENUM ('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED');

-- AlterEnum
ALTER TYPE "TimelineEventType" ADD VALUE 'TLP_CHANGED';

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "tlp" "Tlp";

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "tlp" "Tlp" NOT NULL DEFAULT 'AMBER';
