import type { Metadata } from "next";
import { DevMailboxReplyForm } from "@/components/mail/dev-mailbox-reply-form";
import { LinkedText } from "@/components/notify/linked-text";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { listDevMail } from "@/lib/notify/dev-mailbox/read-dev-mail";
import { readableTime } from "@/lib/time/readable-time";
import { devMailboxReplyAction } from "./actions";

export const metadata: Metadata = { title: "Dev mailbox" };

export default async function DevMailboxPage() {
  await pageStaff("/dev/mailbox");
  const mails = await listDevMail(db);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Dev mailbox</h1>
        <p className="mt-1 text-sm text-slate-700">
          Mail the product sent while no SMTP_URL is set. Nothing here left this machine. Answer a message as its
          recipient to see how the product reads replies.
        </p>
      </div>
      {mails.length === 0 ? (
        <EmptyState title="No mail yet" />
      ) : (
        <ul className="space-y-4">
          {mails.map((mail) => (
            <li key={mail.id}>
              <article className="rounded-lg border border-slate-200 bg-white p-4" aria-label={mail.subject}>
                <h2 className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="break-words">{mail.subject}</span>
                  {mail.toCsirt ? (
                    <Badge tone="sky">
                      {mail.pickedUpAt ? "to the CSIRT · read" : "to the CSIRT · waiting for the worker"}
                    </Badge>
                  ) : null}
                </h2>
                <p className="mt-1 break-words text-xs text-slate-600">
                  {mail.toCsirt ? `From ${mail.from} · ` : ""}To {mail.envelopeTo.join(", ")} ·{" "}
                  {readableTime(mail.receivedAt)}
                  {mail.inReplyTo ? <span className="block break-all">In reply to {mail.inReplyTo}</span> : null}
                </p>
                {mail.attachments.length > 0 ? (
                  <p className="mt-1 text-xs text-slate-700">
                    Attachments:{" "}
                    {mail.attachments.map((attachment, index) => (
                      <span key={attachment.index}>
                        {index > 0 ? ", " : null}
                        <a
                          href={`/dev/mailbox/${mail.id}/attachments/${attachment.index}`}
                          download
                          className="text-sky-800 underline"
                        >
                          {attachment.fileName}
                        </a>{" "}
                        ({attachment.size.toLocaleString("en-GB")} bytes)
                      </span>
                    ))}
                  </p>
                ) : null}
                {/* As the recipient sees it: the mail's own line breaks; long lines scroll. */}
                <pre
                  className="mt-3 max-h-96 overflow-auto whitespace-pre rounded bg-slate-50 p-3 font-mono text-xs"
                  tabIndex={0}
                  role="region"
                  aria-label={`Text of "${mail.subject}"`}
                >
                  <LinkedText text={mail.text} />
                </pre>
                {!mail.toCsirt && mail.envelopeTo[0] ? (
                  <DevMailboxReplyForm
                    devMailId={mail.id}
                    recipient={mail.envelopeTo[0]}
                    action={devMailboxReplyAction}
                  />
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
