-- CreateIndex
CREATE INDEX "Incident_organisationId_lastSeen_idx" ON "Incident"("organisationId", "lastSeen" DESC);

-- CreateIndex
CREATE INDEX "Incident_assigneeId_status_lastSeen_idx" ON "Incident"("assigneeId", "status", "lastSeen" DESC);

-- CreateIndex
CREATE INDEX "Incident_createdAt_idx" ON "Incident"("createdAt");

-- CreateIndex
CREATE INDEX "Incident_status_createdAt_idx" ON "Incident"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Incident_acknowledgedAt_idx" ON "Incident"("acknowledgedAt");

-- CreateIndex
CREATE INDEX "Incident_resolvedAt_idx" ON "Incident"("resolvedAt");
