import type { Metadata } from "next";
import { AuthenticationBadges } from "@/components/mail/authentication-badges";
import { UnmatchedMailForms } from "@/components/mail/unmatched-mail-forms";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { UtcTime } from "@/components/ui/utc-time";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { listUnmatchedMail } from "@/lib/mail/list-unmatched-mail";
import { attachMailAction, discardMailAction } from "./actions";

export const metadata: Metadata = { title: "Unmatched mail" };

const KIND_LABEL = {
  REPLY: null,
  AUTO_REPLY: "automatic reply",
  BOUNCE: "bounce",
  OWN_MESSAGE: "our own message",
  MALFORMED: "unreadable",
  TOO_LARGE: "too large",
} as const;

export default async function UnmatchedMailPage() {
  await pageStaff("/mail");
  const { total, mail } = await listUnmatchedMail(db);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Unmatched mail"
        description="Mail that names no incident of ours, or comes from someone who is not an active contact or member of the incident's organisation. Attach it to an incident or discard it; nothing is answered automatically."
      />
      {mail.length === 0 ? (
        <EmptyState title="Nothing waiting" />
      ) : (
        <ul className="space-y-4">
          {total > mail.length ? (
            <li className="text-sm text-slate-600">
              The newest {mail.length} of {total}.
            </li>
          ) : null}
          {mail.map((item) => (
            <li key={item.id}>
              <article
                className="rounded-lg border border-slate-200 bg-white p-4"
                aria-label={item.subject}
                data-testid="unmatched-mail"
              >
                <h2 className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="break-words">{item.subject}</span>
                  {KIND_LABEL[item.kind] ? <Badge tone="amber">{KIND_LABEL[item.kind]}</Badge> : null}
                </h2>
                <p className="mt-1 break-all text-xs text-slate-600">
                  From {item.fromName ? `${item.fromName} <${item.fromAddress}>` : item.fromAddress || "(no sender)"} ·{" "}
                  <UtcTime value={item.receivedAt} />
                </p>
                <AuthenticationBadges authentication={item.authentication} raw={item.authResults} />
                <p className="mt-2 text-sm text-slate-800">{item.note}</p>
                {item.text ? (
                  <pre
                    className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 font-mono text-xs"
                    tabIndex={0}
                    role="region"
                    aria-label="Message text"
                  >
                    {item.text}
                  </pre>
                ) : null}
                <UnmatchedMailForms
                  mailId={item.id}
                  subject={item.subject}
                  attach={attachMailAction}
                  discard={discardMailAction}
                />
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
