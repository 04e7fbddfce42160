-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('SYSTEM', 'STAFF', 'INSTITUTION');

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "analystSeenAt" TIMESTAMPTZ(3),
ADD COLUMN     "institutionActedAt" TIMESTAMPTZ(3),
ADD COLUMN     "needsAttention" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable: existing entries get their kind from who wrote them, then the column has no default.
ALTER TABLE "TimelineEvent" ADD COLUMN     "actorKind" "ActorKind" NOT NULL DEFAULT 'STAFF';
UPDATE "TimelineEvent" e SET "actorKind" = 'INSTITUTION'
  WHERE e."type" = 'INSTITUTION_RESPONSE' OR e."actorLabel" LIKE '% (e-mail link)'
     OR EXISTS (SELECT 1 FROM "User" u WHERE u.id = e."actorId" AND u.role = 'INSTITUTION');
UPDATE "TimelineEvent" SET "actorKind" = 'SYSTEM' WHERE "actorKind" = 'STAFF' AND "actorId" IS NULL;
ALTER TABLE "TimelineEvent" ALTER COLUMN "actorKind" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "Incident_needsAttention_lastSeen_idx" ON "Incident"("needsAttention", "lastSeen" DESC);

-- An institution's timeline entry (acknowledgement, response, resolution) flags its incident in
-- the same transaction, whichever code path wrote it; an analyst opening the incident clears it.
CREATE FUNCTION "incident_institution_acted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Incident" SET "institutionActedAt" = NEW."createdAt", "needsAttention" = true WHERE id = NEW."incidentId";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "TimelineEvent_institution_acted" AFTER INSERT ON "TimelineEvent"
  FOR EACH ROW WHEN (NEW."actorKind" = 'INSTITUTION')
  EXECUTE FUNCTION "incident_institution_acted"();

-- Incidents the institution acted on already: flagged until an analyst opens them.
UPDATE "Incident" i SET "institutionActedAt" = acted.at, "needsAttention" = true
FROM (SELECT "incidentId", max("createdAt") AS at FROM "TimelineEvent" WHERE "actorKind" = 'INSTITUTION' GROUP BY 1) acted
WHERE acted."incidentId" = i.id;
