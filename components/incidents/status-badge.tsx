import { Badge } from "@/components/ui/badge";
import type { IncidentStatus, Severity } from "@/lib/generated/prisma/enums";
import { SEVERITY_LABEL } from "@/lib/incidents/incident-labels";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";

type Tone = "slate" | "sky" | "amber" | "emerald" | "red";

export const STATUS_TONE: Record<IncidentStatus, Tone> = {
  NEW: "red",
  REOPENED: "red",
  NOTIFIED: "amber",
  ACKNOWLEDGED: "sky",
  RESOLVED: "emerald",
  CLOSED: "slate",
};

const SEVERITY_TONE: Record<Severity, Tone> = { LOW: "slate", MEDIUM: "sky", HIGH: "amber", CRITICAL: "red" };

export function StatusBadge({ status }: { status: IncidentStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{SEVERITY_LABEL[severity]}</Badge>;
}
