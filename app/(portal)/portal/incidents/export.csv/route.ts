import { db } from "@/lib/db/client";
import { institutionRoute } from "@/lib/http/route-handler";
import { exportIncidentsCsv, resolveQueueQuery, searchParamsRecord } from "@/lib/incidents/export-incidents-csv";

export const dynamic = "force-dynamic";

/** An institution's own organisations' incidents as CSV (every status unless `status` says otherwise). */
export const GET = institutionRoute(async (request, { user, context }) => {
  const params = searchParamsRecord(new URL(request.url).searchParams);
  // Staff-only filters (organisation, assignee, ingest run) are dropped: the scope is the caller's organisations.
  const { org: _org, assignee: _assignee, run: _run, ...own } = params;
  const query = await resolveQueueQuery(db, { status: "all", ...own });
  return exportIncidentsCsv(db, {
    query,
    viewerId: user.id,
    organisationIds: user.organisationIds,
    audience: "institution",
    actor: { id: user.id, label: user.email },
    context,
  });
});
