import type { Metadata } from "next";
import { simpleParser } from "mailparser";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";

export const metadata: Metadata = { title: "Dev mailbox" };

export default async function DevMailboxPage() {
  await pageStaff("/dev/mailbox");
  const mails = await db.devMail.findMany({ orderBy: { receivedAt: "desc" }, take: 50 });
  const parsed = await Promise.all(mails.map(async (mail) => ({ mail, message: await simpleParser(Buffer.from(mail.raw)) })));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Dev mailbox</h1>
        <p className="mt-1 text-sm text-slate-700">Mail the product sent while no SMTP_URL is set. Nothing here left this machine.</p>
      </div>
      {parsed.length === 0 ? (
        <EmptyState title="No mail yet" />
      ) : (
        <ul className="space-y-4">
          {parsed.map(({ mail, message }) => (
            <li key={mail.id}>
              <article className="rounded-lg border border-slate-200 bg-white p-4" aria-label={mail.subject}>
                <h2 className="font-medium">{mail.subject}</h2>
                <p className="mt-1 text-xs text-slate-600">
                  To {mail.envelopeTo.join(", ")} · {mail.receivedAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                </p>
                {message.attachments.length > 0 ? (
                  <p className="mt-1 text-xs text-slate-700">Attachments: {message.attachments.map((a) => `${a.filename ?? "unnamed"} (${a.size} bytes)`).join(", ")}</p>
                ) : null}
                <pre className="mt-3 max-h-96 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-3 font-mono text-xs">{message.text ?? ""}</pre>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
