import type { IncidentType } from "@/lib/generated/prisma/enums";

/** Unique while an incident is open: one open incident per type, organisation and source. */
export function openKeyFor(incident: { type: IncidentType; organisationId: string; sourceIp: string }): string {
  return `${incident.type}:${incident.organisationId}:${incident.sourceIp}`;
}
