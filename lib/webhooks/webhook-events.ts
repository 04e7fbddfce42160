import type { WebhookDeliveryState, WebhookEventType } from "@/lib/generated/prisma/enums";

/**
 * What an endpoint can ask to be told. The trigger `webhook_events_for_timeline` (migration
 * `webhooks`) decides from each timeline entry: a new incident; a status change (by anyone); an
 * entry the institution wrote (acknowledgement, response, resolution, reply mail); and other
 * staff or system changes (new activity, relapse, note, assignment, evidence, merge).
 */
export const WEBHOOK_EVENTS: ReadonlyArray<{ value: WebhookEventType; wire: string; label: string }> = [
  { value: "INCIDENT_CREATED", wire: "incident.created", label: "Incident created" },
  {
    value: "INCIDENT_UPDATED",
    wire: "incident.updated",
    label: "Incident updated (activity, note, assignment, evidence, merge)",
  },
  { value: "INCIDENT_STATUS_CHANGED", wire: "incident.status_changed", label: "Incident status changed" },
  { value: "INSTITUTION_RESPONDED", wire: "incident.institution_responded", label: "Institution responded" },
];

export const WEBHOOK_EVENT_WIRE: Record<WebhookEventType, string> = Object.fromEntries(
  WEBHOOK_EVENTS.map((event) => [event.value, event.wire]),
) as Record<WebhookEventType, string>;

export const WEBHOOK_DELIVERY_STATE_LABEL: Record<WebhookDeliveryState, string> = {
  QUEUED: "Queued",
  SENDING: "Sending",
  DELIVERED: "Delivered",
  FAILED: "Failed",
};
