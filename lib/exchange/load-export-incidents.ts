/**
 * Incidents as they may leave in an exchange format, with TLP 2.0 enforced here, in the query,
 * for every way out (pages, API): RED never; AMBER+STRICT only to the organisation itself (its
 * own token); files marked stricter than their audience allows stay behind. ADR 0008.
 */
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tlp } from "@/lib/generated/prisma/enums";
import type { TIncidentQuery } from "@/lib/incidents/incident-query";
import { listIncidentsAfter } from "@/lib/incidents/list-incidents-after";
import { effectiveTlp, TLP_LEVELS, type TlpAudience, tlpAllowsExport, tlpLabel } from "@/lib/tlp/tlp";
import type { ExportIncident } from "./export-incident";

/** Staff exports are for sharing; an organisation's token exports its own incidents to itself. */
export type ExportAudience = { kind: "sharing" } | { kind: "organisation"; organisationIds: string[] };

/** The most incidents one set export holds (newest activity first). */
export const MAX_EXPORT_INCIDENTS = 500;

/** Refused by the marking: the API answers it as its own problem type. */
export class TlpRefusal extends AppError {
  constructor(message: string) {
    super("FORBIDDEN", message);
  }
}

const audienceOf = (audience: ExportAudience): TlpAudience =>
  audience.kind === "organisation" ? "organisation" : "sharing";

export function exportableTlp(audience: ExportAudience): Tlp[] {
  return TLP_LEVELS.filter((tlp) => tlpAllowsExport(tlp, audienceOf(audience)));
}

const INCLUDE = {
  evidence: {
    where: { kind: "FLOW_SAMPLE" },
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { id: true, fileName: true, content: true, sha256: true, createdAt: true, tlp: true },
  },
} as const satisfies Prisma.IncidentInclude;

type Loaded = Prisma.IncidentGetPayload<{ include: typeof INCLUDE }>;

function toExport(row: Loaded, audience: ExportAudience): ExportIncident {
  const sample = row.evidence[0];
  const sampleGoes = sample && tlpAllowsExport(effectiveTlp(row.tlp, sample.tlp), audienceOf(audience));
  return {
    id: row.id,
    reference: row.reference,
    type: row.type,
    status: row.status,
    severity: row.severity,
    tlp: row.tlp,
    sourceIp: row.sourceIp,
    port: row.port,
    protocol: row.protocol,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    flowCount: row.flowCount,
    distinctTargets: row.distinctTargets,
    summary: row.summary,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sample: sampleGoes
      ? {
          id: sample.id,
          fileName: sample.fileName,
          content: Buffer.from(sample.content),
          sha256: sample.sha256,
          createdAt: sample.createdAt,
        }
      : null,
  };
}

/** One incident, or a refusal that names its marking (TlpRefusal); another organisation's is "not found". */
export async function loadIncidentForExport(
  db: Db,
  { reference, audience }: { reference: number; audience: ExportAudience },
): Promise<ExportIncident> {
  const row = await db.incident.findFirst({
    where: {
      reference,
      ...(audience.kind === "organisation" ? { organisationId: { in: audience.organisationIds } } : {}),
    },
    include: INCLUDE,
  });
  if (!row) throw new AppError("NOT_FOUND", "No such incident.");
  if (!tlpAllowsExport(row.tlp, audienceOf(audience)))
    throw new TlpRefusal(
      row.tlp === "RED"
        ? `Incident #${reference} is ${tlpLabel("RED")}: it is for its named recipients only and is never exported.`
        : `Incident #${reference} is ${tlpLabel(row.tlp)}: only its own organisation may export it.`,
    );
  return toExport(row, audience);
}

/** The queue's filters; incidents whose marking does not allow the audience are left out in the query. */
export async function loadIncidentsForExport(
  db: Db,
  {
    query,
    audience,
    limit = MAX_EXPORT_INCIDENTS,
  }: { query: TIncidentQuery; audience: ExportAudience; limit?: number },
): Promise<{ incidents: ExportIncident[]; more: boolean }> {
  const { rows, next } = await listIncidentsAfter(db, {
    query,
    organisationIds: audience.kind === "organisation" ? audience.organisationIds : undefined,
    limit,
    tlp: exportableTlp(audience),
  });
  const loaded = await db.incident.findMany({ where: { id: { in: rows.map((row) => row.id) } }, include: INCLUDE });
  const byId = new Map(loaded.map((row) => [row.id, row]));
  const incidents = rows
    .map((row) => byId.get(row.id))
    // Checked again on the rows themselves: a marking changed between the two reads still counts.
    .filter((row): row is Loaded => row !== undefined && tlpAllowsExport(row.tlp, audienceOf(audience)))
    .map((row) => toExport(row, audience));
  return { incidents, more: next !== null };
}
