-- DropIndex
DROP INDEX "Template_incidentType_purpose_key";

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "language" TEXT;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Template" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en';

-- CreateIndex
CREATE UNIQUE INDEX "Template_incidentType_purpose_language_key" ON "Template"("incidentType", "purpose", "language");
