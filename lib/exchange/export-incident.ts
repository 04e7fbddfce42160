import type { IncidentType, IncidentStatus, Severity, Tlp } from "@/lib/generated/prisma/enums";

/** What an exchange format is built from: one incident as it may leave, already cleared for its audience. */
export interface ExportIncident {
  id: string;
  reference: number;
  type: IncidentType;
  status: IncidentStatus;
  severity: Severity;
  tlp: Tlp;
  sourceIp: string;
  port: number | null;
  protocol: string;
  firstSeen: Date;
  lastSeen: Date;
  flowCount: number;
  distinctTargets: number;
  summary: string;
  createdAt: Date;
  updatedAt: Date;
  /** The latest log sample, when its own marking lets it go with the incident. */
  sample: { id: string; fileName: string; content: Buffer; sha256: string; createdAt: Date } | null;
}

/** Who publishes the export: the CSIRT. */
export interface ExportProducer {
  name: string;
}

export const EXPORT_FORMATS = ["misp", "stix"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
