import { Badge } from "@/components/ui/badge";
import { UtcTime } from "@/components/ui/utc-time";
import type { TimelineEventType, Visibility } from "@/lib/generated/prisma/enums";
import { TIMELINE_TYPE_LABEL } from "@/lib/incidents/incident-labels";

export interface TimelineItem {
  id: string;
  type: TimelineEventType;
  visibility: Visibility;
  actorLabel: string;
  actor: { name: string } | null;
  message: string;
  createdAt: Date;
}

const TYPE_TONE: Partial<Record<TimelineEventType, "slate" | "sky" | "amber" | "emerald" | "red">> = {
  RELAPSE: "red",
  NOTIFICATION_FAILED: "red",
  NOTIFICATION_SENT: "emerald",
  INSTITUTION_RESPONSE: "emerald",
  STATUS_CHANGED: "sky",
  MERGED: "amber",
  MAIL_RECEIVED: "emerald",
  MAIL_SENT: "sky",
  MAIL_BOUNCED: "red",
  LEGAL_HOLD: "amber",
};

/** The whole history, oldest first (newest last), as people and the worker wrote it. */
export function IncidentTimeline({ events }: { events: TimelineItem[] }) {
  return (
    <ol className="space-y-0 border-l-2 border-slate-200" aria-label="Timeline, oldest first" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} className="relative pb-4 pl-5 last:pb-0" data-testid="timeline-event">
          <span
            className="absolute -left-[7px] top-1.5 size-3 rounded-full border-2 border-white bg-slate-400"
            aria-hidden="true"
          />
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <Badge tone={TYPE_TONE[event.type] ?? "slate"}>{TIMELINE_TYPE_LABEL[event.type]}</Badge>
            <UtcTime value={event.createdAt} />
            <span>by {event.actor?.name ? `${event.actor.name} (${event.actorLabel})` : event.actorLabel}</span>
            {event.visibility === "INSTITUTION" ? (
              <span className="rounded border border-amber-300 px-1.5 text-amber-900">shared with institution</span>
            ) : (
              <span className="rounded border border-slate-300 px-1.5 text-slate-700">internal</span>
            )}
          </div>
          <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-900">{event.message}</p>
        </li>
      ))}
    </ol>
  );
}
