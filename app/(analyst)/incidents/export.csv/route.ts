import { db } from "@/lib/db/client";
import { staffRoute } from "@/lib/http/route-handler";
import { exportIncidentsCsv, resolveQueueQuery, searchParamsRecord } from "@/lib/incidents/export-incidents-csv";

export const dynamic = "force-dynamic";

/** The queue as CSV, with the queue's filters (the same query string as /incidents), streamed. Staff only. */
export const GET = staffRoute(async (request, { user, actor, context }) => {
  const query = await resolveQueueQuery(db, searchParamsRecord(new URL(request.url).searchParams));
  return exportIncidentsCsv(db, { query, viewerId: user.id, audience: "staff", actor, context });
});
