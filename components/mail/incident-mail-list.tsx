import { Badge } from "@/components/ui/badge";
import { UtcTime } from "@/components/ui/utc-time";
import type { IncidentMail } from "@/lib/mail/list-incident-mail";
import { AuthenticationBadges } from "./authentication-badges";

/** The replies received on an incident: the text as written, folded history, and what the receiving server checked. */
export function IncidentMailList({ mail }: { mail: IncidentMail[] }) {
  if (mail.length === 0)
    return (
      <p className="text-sm text-slate-600">No mail received on this incident yet. Replies to its notices land here.</p>
    );
  return (
    <ol className="space-y-4" data-testid="incident-mail">
      {mail.map((item) => (
        <li key={item.id} className="rounded-md border border-slate-200 p-3" data-testid="incident-mail-item">
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span className="break-all font-medium text-slate-900">
              {item.fromName ? `${item.fromName} <${item.fromAddress}>` : item.fromAddress}
            </span>
            <UtcTime value={item.receivedAt} />
            {item.kind === "AUTO_REPLY" ? <Badge tone="amber">automatic reply</Badge> : null}
          </p>
          <p className="mt-1 break-words text-sm font-medium">{item.subject}</p>
          <AuthenticationBadges authentication={item.authentication} raw={item.authResults} />
          <p className="mt-2 whitespace-pre-line break-words text-sm" data-testid="mail-text">
            {item.text || "(no text)"}
          </p>
          {item.foldedText ? (
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-sky-700">Quoted history and signature</summary>
              <pre
                className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs text-slate-700"
                tabIndex={0}
                role="region"
                aria-label="Folded text"
              >
                {item.foldedText}
              </pre>
            </details>
          ) : null}
          <p className="mt-2 text-xs text-slate-600">{item.note}</p>
        </li>
      ))}
    </ol>
  );
}
