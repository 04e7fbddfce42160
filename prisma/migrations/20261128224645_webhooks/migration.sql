-- CreateEnum
CREATE TYPE "WebhookEventType" AS ENUM ('INCIDENT_CREATED', 'INCIDENT_UPDATED', 'INCIDENT_STATUS_CHANGED', 'INSTITUTION_RESPONDED');

-- CreateEnum
CREATE TYPE "WebhookDeliveryState" AS ENUM ('QUEUED', 'SENDING', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "events" "WebhookEventType"[],
    "secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "eventType" "WebhookEventType" NOT NULL,
    "incidentId" UUID,
    "timelineEventId" UUID,
    "payload" JSONB NOT NULL,
    "state" "WebhookDeliveryState" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "replays" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "responseSnippet" TEXT,
    "replay" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_state_nextAttemptAt_idx" ON "WebhookDelivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_timelineEventId_eventType_key" ON "WebhookDelivery"("endpointId", "timelineEventId", "eventType");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_startedAt_idx" ON "WebhookAttempt"("deliveryId", "startedAt");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every change to an incident writes a timeline entry; this trigger turns the entries webhooks
-- care about into outbox rows for each enabled endpoint that asked for that event, in the same
-- transaction and whichever code path wrote them. The payload (Standard Webhooks shape) is frozen
-- here, so a retry or a replay sends the same body.
CREATE FUNCTION "webhook_events_for_timeline"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kinds "WebhookEventType"[] := ARRAY[]::"WebhookEventType"[];
  kind "WebhookEventType";
  incident_json jsonb;
BEGIN
  IF NEW."type" = 'CREATED' THEN kinds := kinds || 'INCIDENT_CREATED'::"WebhookEventType"; END IF;
  IF NEW."type" = 'STATUS_CHANGED' THEN kinds := kinds || 'INCIDENT_STATUS_CHANGED'::"WebhookEventType"; END IF;
  IF NEW."actorKind" = 'INSTITUTION' THEN kinds := kinds || 'INSTITUTION_RESPONDED'::"WebhookEventType"; END IF;
  IF NEW."actorKind" <> 'INSTITUTION'
     AND NEW."type" IN ('UPDATED_BY_INGEST', 'RELAPSE', 'NOTE', 'ASSIGNED', 'EVIDENCE_ADDED', 'MERGED') THEN
    kinds := kinds || 'INCIDENT_UPDATED'::"WebhookEventType";
  END IF;
  IF cardinality(kinds) = 0 THEN RETURN NULL; END IF;
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" e WHERE e."enabled" AND e."events" && kinds) THEN RETURN NULL; END IF;

  SELECT jsonb_build_object(
    'id', i."id", 'reference', i."reference", 'type', i."type", 'status', i."status",
    'severity', i."severity", 'organisationId', i."organisationId", 'organisation', o."name",
    'tlp', i."tlp",
    -- TLP:RED details stay on the platform (ADR 0008): the receiver learns that something changed, not who.
    'sourceAddress', CASE WHEN i."tlp" = 'RED' THEN NULL ELSE host(i."sourceIp") END,
    'port', i."port", 'protocol', i."protocol",
    'firstSeen', i."firstSeen", 'lastSeen', i."lastSeen", 'flowCount', i."flowCount",
    'distinctTargets', i."distinctTargets",
    'summary', CASE WHEN i."tlp" = 'RED' THEN NULL ELSE i."summary" END)
  INTO incident_json
  FROM "Incident" i JOIN "Organisation" o ON o."id" = i."organisationId"
  WHERE i."id" = NEW."incidentId";

  FOREACH kind IN ARRAY kinds LOOP
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "incidentId", "timelineEventId", "payload")
    SELECT gen_random_uuid(), e."id", kind, NEW."incidentId", NEW."id", jsonb_build_object(
      'type', CASE kind
        WHEN 'INCIDENT_CREATED' THEN 'incident.created'
        WHEN 'INCIDENT_UPDATED' THEN 'incident.updated'
        WHEN 'INCIDENT_STATUS_CHANGED' THEN 'incident.status_changed'
        ELSE 'incident.institution_responded' END,
      'timestamp', NEW."createdAt",
      'data', jsonb_build_object(
        'incident', incident_json,
        'entry', jsonb_build_object(
          'id', NEW."id", 'kind', NEW."type", 'visibility', NEW."visibility", 'actorKind', NEW."actorKind",
          'actor', NEW."actorLabel",
          'message', CASE WHEN incident_json->>'tlp' = 'RED' THEN NULL ELSE NEW."message" END,
          'data', CASE WHEN incident_json->>'tlp' = 'RED' THEN NULL ELSE NEW."data" END)))
    FROM "WebhookEndpoint" e
    WHERE e."enabled" AND kind = ANY(e."events");
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "TimelineEvent_webhooks" AFTER INSERT ON "TimelineEvent"
  FOR EACH ROW EXECUTE FUNCTION "webhook_events_for_timeline"();
