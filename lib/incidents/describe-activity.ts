import type { LastActivity } from "./search-incidents";
import { STATUS_LABEL } from "./status-labels";

/**
 * The queue's "what happened last" line: who acted and what they did, in words
 * ("Institution responded", "Monitoring saw more flows", "Ada Admin closed it").
 * Pure code: the queue query supplies the entry.
 */
export function describeActivity(activity: Omit<LastActivity, "at">): string {
  const who =
    activity.actorKind === "INSTITUTION"
      ? "Institution"
      : activity.actorKind === "SYSTEM"
        ? "Monitoring"
        : activity.actorName;
  switch (activity.type) {
    case "INSTITUTION_RESPONSE":
      return activity.resolution ? `${who} resolved it` : `${who} responded`;
    case "STATUS_CHANGED":
      if (activity.statusTo === "ACKNOWLEDGED") return `${who} acknowledged it`;
      if (activity.statusTo === "RESOLVED") return `${who} resolved it`;
      if (activity.statusTo === "CLOSED") return `${who} closed it`;
      if (activity.statusTo === "REOPENED") return `${who} reopened it`;
      return activity.statusTo
        ? `${who} set it to ${STATUS_LABEL[activity.statusTo].toLowerCase()}`
        : `${who} changed its status`;
    case "CREATED":
      return activity.actorKind === "SYSTEM" ? "Monitoring raised it" : `${who} raised it`;
    case "UPDATED_BY_INGEST":
      return "Monitoring saw more flows";
    case "RELAPSE":
      return "Monitoring saw it again";
    case "NOTE":
      return `${who} added a note`;
    case "ASSIGNED":
      return `${who} changed the assignee`;
    case "EVIDENCE_ADDED":
      return `${who} added evidence`;
    case "NOTIFICATION_QUEUED":
      return "Notice queued";
    case "NOTIFICATION_SENT":
      return "Notice sent";
    case "NOTIFICATION_FAILED":
      return "Notice could not be delivered";
    case "MERGED":
      return `${who} merged incidents`;
    case "MAIL_RECEIVED":
      return activity.actorKind === "INSTITUTION" ? "Institution replied by e-mail" : "Automatic reply received";
    case "MAIL_SENT":
      return "Message sent";
    case "MAIL_BOUNCED":
      return "Mail bounced";
    case "LEGAL_HOLD":
      return `${who} changed the legal hold`;
    case "TLP_CHANGED":
      return `${who} changed the TLP`;
  }
}
