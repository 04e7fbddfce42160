-- CreateIndex
CREATE INDEX "Incident_flowCount_reference_idx" ON "Incident"("flowCount" DESC, "reference" DESC);

-- CreateIndex
CREATE INDEX "Incident_mergedIntoId_idx" ON "Incident"("mergedIntoId");
