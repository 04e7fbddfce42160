-- CreateTable
CREATE TABLE "IncidentCountDelta" (
    "id" BIGSERIAL NOT NULL,
    "organisationId" UUID NOT NULL,
    "type" "IncidentType" NOT NULL,
    "status" "IncidentStatus" NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "IncidentCountDelta_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IncidentCountDelta_organisationId_idx" ON "IncidentCountDelta"("organisationId");

-- Every change to an incident's organisation, type or status appends -1 for the old triple and
-- +1 for the new one. Appending (not updating a counter row) means concurrent transactions never
-- block or deadlock on each other here.
CREATE FUNCTION "incident_count_delta"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "IncidentCountDelta" ("organisationId", "type", "status", "delta") VALUES (OLD."organisationId", OLD."type", OLD."status", -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "IncidentCountDelta" ("organisationId", "type", "status", "delta") VALUES (NEW."organisationId", NEW."type", NEW."status", 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Incident_count_insert_delete" AFTER INSERT OR DELETE ON "Incident"
  FOR EACH ROW EXECUTE FUNCTION "incident_count_delta"();

CREATE TRIGGER "Incident_count_update" AFTER UPDATE OF "organisationId", "type", "status" ON "Incident"
  FOR EACH ROW
  WHEN (OLD."organisationId" IS DISTINCT FROM NEW."organisationId" OR OLD."type" IS DISTINCT FROM NEW."type" OR OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "incident_count_delta"();

-- Incidents that exist already.
INSERT INTO "IncidentCountDelta" ("organisationId", "type", "status", "delta")
SELECT "organisationId", "type", "status", count(*)::int FROM "Incident" GROUP BY 1, 2, 3;
