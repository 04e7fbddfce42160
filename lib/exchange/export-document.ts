import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { csirtIdentity } from "@/lib/notify/csirt-identity";
import { buildMispEvent, buildMispEvents } from "./build-misp-event";
import { buildStixBundle } from "./build-stix-bundle";
import type { ExportFormat, ExportIncident } from "./export-incident";

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  misp: "application/json",
  // The STIX 2.1 media type (TAXII 2.1, section 1.6.8.1).
  stix: "application/stix+json;version=2.1",
};

/** One incident (`single`) or a set, in an exchange format, as a file to download. */
export function exportDownload(
  format: ExportFormat,
  incidents: ExportIncident[],
  { name, single }: { name: string; single: boolean },
): Response {
  const producer = { name: csirtIdentity().name };
  const document =
    format === "stix"
      ? buildStixBundle(incidents, producer)
      : single && incidents[0]
        ? buildMispEvent(incidents[0], producer)
        : buildMispEvents(incidents, producer);
  const fileName = `${name}.${format === "stix" ? "stix.json" : "misp.json"}`;
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPE[format],
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/** Exports from the pages are audited with what went out (API calls are audited as api.request). */
export async function auditExport(
  db: Db,
  {
    actor,
    context,
    format,
    incidents,
  }: { actor: AuditActor; context?: AuditContext; format: ExportFormat; incidents: ExportIncident[] },
): Promise<void> {
  await recordAudit(db, {
    actor,
    action: "incident.export",
    target: incidents.length === 1 ? { type: "Incident", id: incidents[0]!.id } : undefined,
    context,
    data: { format, count: incidents.length, references: incidents.map((incident) => incident.reference) },
  });
}
