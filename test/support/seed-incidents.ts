import { db } from "@/lib/db/client";

/**
 * `count` SSH-scan incidents of one organisation in one statement (generate_series): the n-th has
 * source 10.0.0.0 + offset + n, last seen n seconds ago and n flows. Fast on PGlite and PostgreSQL.
 */
export async function seedIncidents(
  organisationId: string,
  { count, offset = 0, status = "NEW" }: { count: number; offset?: number; status?: string },
): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO "Incident" (id, type, status, "organisationId", "sourceIp", port, "firstSeen", "lastSeen", "flowCount", summary, "openKey", "updatedAt")
     SELECT gen_random_uuid(), 'SSH_SCAN', $2::"IncidentStatus", $1::uuid, '10.0.0.0'::inet + (g + $3), 22,
            now() - interval '2 days', now() - g * interval '1 second', g, format('Scan number %s', g),
            CASE WHEN $2 IN ('RESOLVED', 'CLOSED') THEN NULL ELSE format('SSH_SCAN:%s:%s', $1, host('10.0.0.0'::inet + (g + $3))) END, now()
     FROM generate_series(1, $4::int) g`,
    organisationId,
    status,
    offset,
    count,
  );
}
