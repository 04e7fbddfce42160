import { Badge } from "@/components/ui/badge";
import { countOf, NOTIFICATION_PURPOSE_LABEL } from "@/lib/labels";
import {
  NOTICE_OUTCOME_LABEL,
  type NoticeOutcomeKind,
  type NoticeOutcomeLine,
} from "@/lib/notify/list-notice-outcomes";

export const OUTCOME_TONE: Record<NoticeOutcomeKind, "slate" | "sky" | "amber" | "emerald" | "red"> = {
  SENT: "emerald",
  SENDING: "sky",
  HELD: "amber",
  DIGEST: "sky",
  FOLDED: "amber",
  SUPPRESSED: "slate",
  NO_CONTACT: "red",
  BOUNCED: "red",
  FAILED: "red",
  CANCELLED: "slate",
};

/** The incident page's "what happened to its notices, and why", newest first. */
export function NoticeOutcomeList({ lines }: { lines: NoticeOutcomeLine[] }) {
  if (lines.length === 0) return <p className="text-sm text-slate-600">No notice has been decided for it yet.</p>;
  return (
    <ul className="space-y-2" aria-label="Notice outcomes">
      {lines.map((line) => (
        <li key={line.key} className="text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={OUTCOME_TONE[line.outcome]}>{NOTICE_OUTCOME_LABEL[line.outcome]}</Badge>
            <span className="text-slate-700">
              {NOTIFICATION_PURPOSE_LABEL[line.purpose]}
              {line.to ? (
                <>
                  {" "}
                  to <span className="break-all">{line.to}</span>
                </>
              ) : null}
            </span>
          </div>
          <p className="mt-0.5 break-words text-slate-600">{line.reason}</p>
        </li>
      ))}
    </ul>
  );
}

/** The organisation page's summary: notices by outcome. */
export function NoticeOutcomeSummary({ counts }: { counts: Array<{ outcome: NoticeOutcomeKind; count: number }> }) {
  if (counts.length === 0) return <p className="text-sm text-slate-600">No notices yet.</p>;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Notices by outcome">
      {counts.map(({ outcome, count }) => (
        <li key={outcome}>
          <Badge tone={OUTCOME_TONE[outcome]}>
            {NOTICE_OUTCOME_LABEL[outcome]}: {countOf(count, "notice")}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
