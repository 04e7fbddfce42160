/**
 * Third-party sshd logs sent as evidence of a dictionary attack. Reads syslog lines
 * (`Dec 10 07:28:00 host sshd[24241]: ...`, no year, taken as UTC), journald / ISO 8601
 * lines (`2024-03-01T10:00:00.123456+00:00 host sshd[1]: ...`), Solaris' `[ID 800047 auth.info]`
 * tag, and several lines run together on one physical line (as pasted from an e-mail).
 * Other programs' lines and sshd messages that are not authentication failures are ignored;
 * lines with no recognisable log header are rejected.
 */
import type { RejectedLine } from "../flow";
import { canonicalAddress } from "./address";

export type SshdAuthKind =
  | "failed-password"
  | "failed-publickey"
  | "invalid-user"
  | "closed-preauth"
  | "disconnected-preauth";

export interface SshdAuthEvent {
  /** Epoch ms, UTC. */
  time: number;
  host: string;
  sourceIp: string;
  sourcePort: number | null;
  user: string | null;
  kind: SshdAuthKind;
  /** The log record this event came from (one record when several were joined on a line). */
  raw: string;
  /** 1-based physical line number. */
  line: number;
}

export interface SshdLogResult {
  events: SshdAuthEvent[];
  rejected: RejectedLine[];
  lines: number;
}

export interface SshdSourceSummary {
  sourceIp: string;
  count: number;
  first: number;
  last: number;
  /** Distinct user names tried, in order of first appearance. */
  users: string[];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// One alternative per timestamp style; the program and pid follow either.
const RECORD_HEADER = new RegExp(
  "(?:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\\d{1,2}) (\\d\\d):(\\d\\d):(\\d\\d)" +
    "|(\\d{4})-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d+))?(Z|[+-]\\d\\d:?\\d\\d)?)" +
    " (\\S+) ([\\w./-]+)(?:\\[(\\d+)\\])?: ",
  "g",
);
const SOLARIS_TAG = /^\[ID \d+ [\w.]+\] /;
const REPEATED = /^message repeated (\d+) times: \[ ?(.*?) ?\]$/;

const FAILED = /^Failed (password|publickey) for (invalid user )?(.*?) from (\S+) port (\d+)(?: ssh\d)?(?:[: ].*)?$/;
const INVALID_USER = /^Invalid user (.*?) from (\S+)(?: port (\d+))?\s*$/;
const CLOSED_PREAUTH =
  /^Connection closed by (?:(?:authenticating|invalid) user (.*?) )?(\S+)(?: port (\d+))? \[preauth\]\s*$/;
const DISCONNECTED_PREAUTH =
  /^Disconnected from (?:(?:authenticating|invalid) user (.*?) )?(\S+) port (\d+) \[preauth\]\s*$/;

interface Message {
  kind: SshdAuthKind;
  user: string | null;
  address: string;
  port: string | undefined;
}

function readMessage(message: string): Message | null {
  let match = FAILED.exec(message);
  if (match) {
    return {
      kind: match[1] === "password" ? "failed-password" : "failed-publickey",
      user: match[3] ?? null,
      address: match[4]!,
      port: match[5],
    };
  }
  match = INVALID_USER.exec(message);
  if (match) return { kind: "invalid-user", user: match[1] ?? null, address: match[2]!, port: match[3] };
  match = CLOSED_PREAUTH.exec(message);
  if (match) return { kind: "closed-preauth", user: match[1] ?? null, address: match[2]!, port: match[3] };
  match = DISCONNECTED_PREAUTH.exec(message);
  if (match) return { kind: "disconnected-preauth", user: match[1] ?? null, address: match[2]!, port: match[3] };
  return null;
}

function offsetMs(offset: string | undefined): number {
  if (offset === undefined || offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** Tracks the year of year-less syslog stamps, moving on when December turns into January. */
class SyslogYear {
  private lastMonth = -1;

  constructor(private year: number) {}

  forMonth(month: number): number {
    if (this.lastMonth !== -1 && month < this.lastMonth - 6) this.year++;
    this.lastMonth = month;
    return this.year;
  }
}

function headerTime(match: RegExpExecArray, years: SyslogYear): number {
  if (match[1] !== undefined) {
    const month = MONTHS.indexOf(match[1]);
    return Date.UTC(
      years.forMonth(month),
      month,
      Number(match[2]),
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
    );
  }
  const fraction = (match[12] ?? "").padEnd(3, "0").slice(0, 3);
  const local = Date.UTC(
    Number(match[6]),
    Number(match[7]) - 1,
    Number(match[8]),
    Number(match[9]),
    Number(match[10]),
    Number(match[11]),
    Number(fraction),
  );
  return local - offsetMs(match[13]);
}

/**
 * Authentication failures from an sshd log. `year` is the year of the first year-less
 * syslog line (default: the current UTC year).
 */
export function parseSshdLog(text: string, opts: { year?: number } = {}): SshdLogResult {
  const years = new SyslogYear(opts.year ?? new Date().getUTCFullYear());
  const events: SshdAuthEvent[] = [];
  const rejected: RejectedLine[] = [];
  const physicalLines = text.split("\n");
  if (physicalLines.length > 0 && physicalLines[physicalLines.length - 1] === "") physicalLines.pop();

  physicalLines.forEach((physical, index) => {
    const lineNumber = index + 1;
    const line = (index === 0 ? physical.replace(/^\uFEFF/, "") : physical).replace(/\r$/, "");
    if (line.trim() === "") return;

    const headers = [...line.matchAll(RECORD_HEADER)];
    if (headers.length === 0) {
      rejected.push({ line: lineNumber, reason: "no syslog or ISO 8601 log header" });
      return;
    }
    headers.forEach((header, position) => {
      const recordStart = header.index;
      const recordEnd = headers[position + 1]?.index ?? line.length;
      if (header[15] !== "sshd" && header[15] !== "sshd-session") return;
      const raw = line.slice(recordStart, recordEnd).trim();
      let message = line
        .slice(recordStart + header[0].length, recordEnd)
        .trim()
        .replace(SOLARIS_TAG, "");
      let repeats = 1;
      const repeated = REPEATED.exec(message);
      if (repeated) {
        repeats = Number(repeated[1]);
        message = repeated[2]!;
      }
      const parsed = readMessage(message);
      if (parsed === null) return;
      const sourceIp = canonicalAddress(parsed.address);
      if (sourceIp === null) {
        rejected.push({ line: lineNumber, reason: `source is not an IP address: ${JSON.stringify(parsed.address)}` });
        return;
      }
      const event: SshdAuthEvent = {
        time: headerTime(header, years),
        host: header[14]!,
        sourceIp,
        sourcePort: parsed.port === undefined ? null : Number(parsed.port),
        user: parsed.user,
        kind: parsed.kind,
        raw,
        line: lineNumber,
      };
      for (let i = 0; i < repeats; i++) events.push(i === 0 ? event : { ...event });
    });
  });

  return { events, rejected, lines: physicalLines.length };
}

/** Per source address: how many events, first and last time, which users were tried; busiest first. */
export function summariseBySource(events: readonly SshdAuthEvent[]): SshdSourceSummary[] {
  const bySource = new Map<string, { summary: SshdSourceSummary; users: Set<string> }>();
  for (const event of events) {
    let entry = bySource.get(event.sourceIp);
    if (entry === undefined) {
      entry = {
        summary: { sourceIp: event.sourceIp, count: 0, first: event.time, last: event.time, users: [] },
        users: new Set(),
      };
      bySource.set(event.sourceIp, entry);
    }
    const { summary, users } = entry;
    summary.count++;
    if (event.time < summary.first) summary.first = event.time;
    if (event.time > summary.last) summary.last = event.time;
    if (event.user !== null && !users.has(event.user)) {
      users.add(event.user);
      summary.users.push(event.user);
    }
  }
  return [...bySource.values()]
    .map((entry) => entry.summary)
    .sort((a, b) => b.count - a.count || a.first - b.first || a.sourceIp.localeCompare(b.sourceIp));
}
