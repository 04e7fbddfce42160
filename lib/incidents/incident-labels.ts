import type { ContactRole, IncidentType, Severity, TimelineEventType } from "@/lib/generated/prisma/enums";

export const TYPE_LABEL: Record<IncidentType, string> = {
  SSH_SCAN: "SSH scan",
  SSH_BRUTE_FORCE_REPORT: "SSH brute force (reported)",
  OTHER: "Other",
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  LOW: "Low",
  MEDIUM: "Medium",
  HIGH: "High",
  CRITICAL: "Critical",
};

export const CONTACT_ROLE_LABEL: Record<ContactRole, string> = {
  SECURITY: "Security",
  ABUSE: "Abuse",
  TECHNICAL: "Technical",
  ESCALATION: "Escalation",
};

export const TIMELINE_TYPE_LABEL: Record<TimelineEventType, string> = {
  CREATED: "Created",
  UPDATED_BY_INGEST: "Seen again",
  RELAPSE: "Relapse",
  NOTE: "Note",
  STATUS_CHANGED: "Status",
  ASSIGNED: "Assigned",
  EVIDENCE_ADDED: "Evidence",
  NOTIFICATION_QUEUED: "Notification queued",
  NOTIFICATION_SENT: "Notification sent",
  NOTIFICATION_FAILED: "Notification failed",
  INSTITUTION_RESPONSE: "Institution response",
  MERGED: "Merged",
  MAIL_RECEIVED: "Mail received",
  MAIL_SENT: "Mail sent",
  MAIL_BOUNCED: "Mail bounced",
  LEGAL_HOLD: "Legal hold",
  TLP_CHANGED: "TLP",
};
