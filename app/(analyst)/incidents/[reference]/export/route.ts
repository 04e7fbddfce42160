import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { auditExport, exportDownload } from "@/lib/exchange/export-document";
import { EXPORT_FORMATS } from "@/lib/exchange/export-incident";
import { loadIncidentForExport } from "@/lib/exchange/load-export-incidents";
import { staffRoute } from "@/lib/http/route-handler";
import { ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";

export const dynamic = "force-dynamic";

const ZFormatSchema = z.enum(EXPORT_FORMATS, { error: "Choose format=misp or format=stix." });

/** One incident as a MISP event or STIX 2.1 bundle, for sharing: TLP:RED and TLP:AMBER+STRICT are refused (403). */
export const GET = staffRoute<{ reference: string }>(async (request, staff, params) => {
  const reference = ZIncidentReferenceSchema.safeParse((await params()).reference);
  if (!reference.success) throw new AppError("NOT_FOUND", "No such incident.");
  const format = ZFormatSchema.parse(new URL(request.url).searchParams.get("format"));
  const incident = await loadIncidentForExport(db, { reference: reference.data, audience: { kind: "sharing" } });
  await auditExport(db, { actor: staff.actor, context: staff.context, format, incidents: [incident] });
  return exportDownload(format, [incident], { name: `csirt-${incident.reference}`, single: true });
});
