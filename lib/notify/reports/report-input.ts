import type { IncidentType } from "@/lib/generated/prisma/enums";

/** Who the CSIRT is in a report: its name, the address it sends from and that address's domain. */
export interface TReportSender {
  name: string;
  email: string;
  domain: string;
}

/** One piece of evidence as it is attached to the notice. */
export interface TReportEvidence {
  fileName: string;
  contentType: string;
  description: string;
  content: Buffer;
}

/**
 * Everything a machine-readable report says about one incident. Plain data, so the builders are
 * pure functions: the outbox fills it from the database, tests from what they made.
 */
export interface TReportInput {
  /** A UUID that names this report; the outbox uses the notification's id, so a resend is the same report. */
  reportId: string;
  reference: number;
  type: IncidentType;
  sourceIp: string;
  /** The targeted port (22 for SSH). */
  port: number | null;
  protocol: string;
  firstSeen: Date;
  lastSeen: Date;
  /** Flows (scans) or failed logins (third-party reports). */
  events: number;
  distinctTargets: number;
  summary: string;
  generatedAt: Date;
  sender: TReportSender;
  /** Who saw it, when a third party reported it. */
  thirdPartyReporter: string | null;
  /** One observed connection: receivers behind NAT need the source port to find the host. */
  example: { sourcePort: number | null; destinationIp: string | null };
  evidence: TReportEvidence[];
}

const IP_PROTOCOL_NUMBERS: Record<string, number> = { icmp: 1, tcp: 6, udp: 17, sctp: 132 };

/** The protocol as both formats name it; our incident types are all SSH, so anything unknown is TCP. */
export function reportProtocol(protocol: string): { name: "tcp" | "udp" | "icmp" | "sctp"; number: number } {
  const name = protocol.trim().toLowerCase();
  if (name in IP_PROTOCOL_NUMBERS) return { name: name as "tcp", number: IP_PROTOCOL_NUMBERS[name] as number };
  return { name: "tcp", number: 6 };
}

/** RFC 3339 UTC without milliseconds, as both schemas accept. */
export function reportTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
