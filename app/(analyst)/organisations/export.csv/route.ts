import { recordAudit, requestContext } from "@/lib/audit/record-audit";
import { requireStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { handleRoute } from "@/lib/http/route-handler";
import { exportOrganisationsCsv } from "@/lib/orgs/import-organisations";

/** Every organisation with its blocks and active contacts, in the CLI's CSV format. Staff only. */
export const GET = handleRoute(async (request: Request) => {
  const staff = await requireStaff();
  const csv = await exportOrganisationsCsv(db);
  await recordAudit(db, { actor: { id: staff.id, label: staff.email }, action: "organisations.export", context: requestContext(request.headers) });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="organisations-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
});
