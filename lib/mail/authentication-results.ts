/**
 * The Authentication-Results header (RFC 8601) the receiving server added: which checks
 * passed (spf, dkim, dmarc, arc). Shown to analysts next to each message. Pure: no I/O.
 */
export interface AuthenticationSummary {
  /** "mx.csirt.example". */
  server: string | null;
  /** method → result, e.g. { spf: "pass", dkim: "fail", dmarc: "none" }. */
  results: Record<string, string>;
}

export function summariseAuthenticationResults(header: string | null | undefined): AuthenticationSummary | null {
  if (!header?.trim()) return null;
  const flat = header.replace(/\s+/g, " ").replace(/\([^)]*\)/g, "");
  const [server, ...rest] = flat.split(";");
  const results: Record<string, string> = {};
  for (const clause of rest) {
    const match = /^\s*([a-z][a-z0-9-]*)\s*=\s*([a-z]+)/i.exec(clause);
    if (match && !(match[1]!.toLowerCase() in results)) results[match[1]!.toLowerCase()] = match[2]!.toLowerCase();
  }
  return { server: server?.trim().split(" ")[0] || null, results };
}
