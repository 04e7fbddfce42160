import { z } from "zod";
import { db } from "@/lib/db/client";
import { auditExport, exportDownload } from "@/lib/exchange/export-document";
import { EXPORT_FORMATS } from "@/lib/exchange/export-incident";
import { loadIncidentsForExport } from "@/lib/exchange/load-export-incidents";
import { staffRoute } from "@/lib/http/route-handler";
import { parseIncidentQuery } from "@/lib/incidents/incident-query";
import { findOrganisationChoice } from "@/lib/orgs/organisation-choices";

export const dynamic = "force-dynamic";

const ZFormatSchema = z.enum(EXPORT_FORMATS, { error: "Choose format=misp or format=stix." });

/**
 * The queue's current view (its URL parameters) as a MISP or STIX 2.1 export for sharing:
 * TLP:RED and TLP:AMBER+STRICT incidents are left out.
 */
export const GET = staffRoute(async (request, staff) => {
  const url = new URL(request.url);
  const format = ZFormatSchema.parse(url.searchParams.get("format"));
  const params: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) if (key !== "format") params[key] = [...(params[key] ?? []), value];
  const { query } = parseIncidentQuery(params);
  const organisation = query.organisation ? await findOrganisationChoice(db, query.organisation) : null;
  const { incidents, more } = await loadIncidentsForExport(db, {
    query: {
      ...query,
      organisationId: organisation?.id ?? (query.organisation ? "00000000-0000-0000-0000-000000000000" : undefined),
    },
    audience: { kind: "sharing" },
  });
  await auditExport(db, { actor: staff.actor, context: staff.context, format, incidents });
  const response = exportDownload(format, incidents, { name: "csirt-incidents", single: false });
  if (more) response.headers.set("X-Export-Truncated", "true");
  return response;
});
