import type { IncidentStatus } from "@/lib/generated/prisma/enums";

export const STATUS_LABEL: Record<IncidentStatus, string> = {
  NEW: "New",
  NOTIFIED: "Notified",
  ACKNOWLEDGED: "Acknowledged",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
  REOPENED: "Reopened",
};

export const OPEN_STATUSES: IncidentStatus[] = ["NEW", "NOTIFIED", "ACKNOWLEDGED", "REOPENED"];
