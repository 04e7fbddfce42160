import type { Db } from "@/lib/db/client";

/** An open SSH-scan incident from 198.18.0.9 for an organisation, as detection would raise it (for notice tests). */
export function createScanIncident(
  db: Db,
  { organisationId, organisationName }: { organisationId: string; organisationName: string },
) {
  return db.incident.create({
    data: {
      type: "SSH_SCAN",
      organisationId,
      sourceIp: "198.18.0.9",
      port: 22,
      firstSeen: new Date("2027-01-09T02:00:00Z"),
      lastSeen: new Date("2027-01-09T02:10:00Z"),
      flowCount: 150,
      distinctTargets: 150,
      summary: `An IP at ${organisationName}, 198.18.0.9 was scanning for port 22/tcp sending at least 150 flows between 2027-01-09T02:00:00+00:00 and 2027-01-09T02:10:00+00:00.`,
      openKey: `SSH_SCAN:${organisationId}:198.18.0.9`,
    },
  });
}
