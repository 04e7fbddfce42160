/**
 * Words people read for the enums stored in the database: pages never show a raw value
 * ("TECHNICAL", "FIRST_NOTICE"). Incident enums live beside the incidents and are re-exported here.
 */
import type {
  ChangeRequestKind,
  ChangeRequestStatus,
  NotificationPurpose,
  NotificationState,
  UserRole,
} from "@/lib/generated/prisma/enums";

export { CONTACT_ROLE_LABEL, SEVERITY_LABEL, TIMELINE_TYPE_LABEL, TYPE_LABEL } from "@/lib/incidents/incident-labels";
export { STATUS_LABEL } from "@/lib/incidents/status-labels";

export const ROLE_LABEL: Record<UserRole, string> = { ADMIN: "Admin", ANALYST: "Analyst", INSTITUTION: "Institution" };

export const NOTIFICATION_PURPOSE_LABEL: Record<NotificationPurpose, string> = {
  FIRST_NOTICE: "First notice",
  UPDATE: "Update",
  REMINDER: "Reminder",
  RESOLVED: "Resolution notice",
  MESSAGE: "Message from an analyst",
  CLOSED: "Closure notice",
  REOPENED: "Reopening notice",
  DIGEST: "Digest",
};

export const NOTIFICATION_STATE_LABEL: Record<NotificationState, string> = {
  HELD: "Held for approval",
  QUEUED: "Queued",
  SENDING: "Sending",
  SENT: "Sent",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
  BOUNCED: "Bounced",
  DIGEST: "Waiting for the digest",
};

export const CHANGE_REQUEST_KIND_LABEL: Record<ChangeRequestKind, string> = {
  ADD_CONTACT: "Add a contact",
  REMOVE_CONTACT: "Remove a contact",
  CHANGE_EMAIL: "Change an e-mail address",
};

export const CHANGE_REQUEST_STATUS_LABEL: Record<ChangeRequestStatus, string> = {
  PENDING: "Pending",
  APPROVED: "Approved",
  REJECTED: "Rejected",
};

/** "1 incident", "3 incidents". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? singular : plural}`;
}

/** "512 bytes", "3.4 MiB", "1.1 GiB": sizes as people read them. */
export function bytesLabel(bytes: number): string {
  if (bytes < 1024) return countOf(bytes, "byte");
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString("en-GB", { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}
