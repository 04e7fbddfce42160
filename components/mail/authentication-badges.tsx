import { Badge } from "@/components/ui/badge";
import type { AuthenticationSummary } from "@/lib/mail/authentication-results";

const TONE: Record<string, "emerald" | "red" | "amber" | "slate"> = {
  pass: "emerald",
  fail: "red",
  softfail: "amber",
  permerror: "red",
  temperror: "amber",
  none: "slate",
  neutral: "slate",
};

/** What the receiving server recorded in Authentication-Results (spf, dkim, dmarc ...), as it wrote it. */
export function AuthenticationBadges({
  authentication,
  raw,
}: {
  authentication: AuthenticationSummary | null;
  raw: string | null;
}) {
  if (!authentication)
    return (
      <p className="mt-1 text-xs text-slate-600" data-testid="mail-authentication">
        No Authentication-Results recorded by the receiving server.
      </p>
    );
  const entries = Object.entries(authentication.results);
  return (
    <p
      className="mt-1 flex flex-wrap items-center gap-1 text-xs text-slate-700"
      data-testid="mail-authentication"
      title={raw ?? undefined}
    >
      <span>Checked by {authentication.server ?? "the receiving server"}:</span>
      {entries.length ? (
        entries.map(([method, result]) => (
          <Badge key={method} tone={TONE[result] ?? "slate"}>{`${method} ${result}`}</Badge>
        ))
      ) : (
        <span>no results</span>
      )}
    </p>
  );
}
