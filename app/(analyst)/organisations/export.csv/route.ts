import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { staffRoute } from "@/lib/http/route-handler";
import { exportOrganisationsCsv } from "@/lib/orgs/import-organisations";

/** Every organisation with its blocks and active contacts, in the CLI's CSV format. Staff only. */
export const GET = staffRoute(async (_request, { actor, context }) => {
  const csv = await exportOrganisationsCsv(db);
  await recordAudit(db, { actor, action: "organisations.export", context });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="organisations-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
});
