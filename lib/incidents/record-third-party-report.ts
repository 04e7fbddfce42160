import { getSettings } from "@/lib/settings/get-settings";
import { TLP_DEFAULT_SETTING } from "@/lib/tlp/tlp";
import { timelineActorFields } from "@/lib/incidents/timeline-actor";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseSshdLog, summariseBySource, type SshdAuthEvent } from "@/lib/ingest/parsers/sshd-log";
import { AddressBlockIndex } from "@/lib/net";
import { queueNotificationsInTx } from "@/lib/notify/queue-incident-notifications";
import { openKeyFor } from "./open-key";
import type { IncidentAction } from "./record-detected-activity";

export interface ThirdPartyReportResult {
  lines: number;
  events: number;
  rejected: Array<{ line: number; reason: string }>;
  /** Sources outside every member network: reported, not raised. */
  outsideMembers: string[];
  incidents: Array<{
    incidentId: string;
    reference: number;
    organisation: string;
    sourceIp: string;
    attempts: number;
    action: IncidentAction;
  }>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

function summary(
  organisation: string,
  sourceIp: string,
  attempts: number,
  first: number,
  last: number,
  reporter: string,
): string {
  return `An IP at ${organisation}, ${sourceIp} was reported by ${reporter} for ${attempts} failed SSH login attempts between ${iso(first)} and ${iso(last)}.`;
}

/**
 * sshd logs another organisation sent us: failed logins per source address. Sources inside a
 * member network raise (or add evidence to) an "SSH brute force (third-party report)" incident
 * with that source's log lines attached exactly as received.
 */
export async function recordThirdPartyReport(
  db: Db,
  {
    text,
    reporter,
    year,
    actor,
  }: { text: string; reporter: string; year?: number; actor: { id?: string | null; label: string } },
): Promise<ThirdPartyReportResult> {
  const reporterName = reporter.trim() || "a third party";
  const parsed = parseSshdLog(text, { year });
  if (parsed.events.length === 0) {
    throw new AppError(
      "INVALID_INPUT",
      'No failed SSH logins found: paste sshd log lines such as "Failed password for root from 192.0.2.1 port 50999 ssh2".',
      {
        rejected: parsed.rejected.slice(0, 20),
      },
    );
  }
  const tlp = (await getSettings(db))[TLP_DEFAULT_SETTING.SSH_BRUTE_FORCE_REPORT];
  const blocks = await db.addressBlock.findMany({
    where: { organisation: { active: true } },
    select: { id: true, network: true, organisationId: true, organisation: { select: { name: true } } },
  });
  const index = new AddressBlockIndex(
    blocks.map((block) => ({ cidr: block.network, organisationId: block.organisationId, blockId: block.id })),
  );
  const names = new Map(blocks.map((block) => [block.organisationId, block.organisation.name]));
  const eventsBySource = new Map<string, SshdAuthEvent[]>();
  for (const event of parsed.events)
    eventsBySource.set(event.sourceIp, [...(eventsBySource.get(event.sourceIp) ?? []), event]);

  const result: ThirdPartyReportResult = {
    lines: parsed.lines,
    events: parsed.events.length,
    rejected: parsed.rejected.slice(0, 100),
    outsideMembers: [],
    incidents: [],
  };
  for (const source of summariseBySource(parsed.events)) {
    const match = index.lookup(source.sourceIp);
    if (!match) {
      result.outsideMembers.push(source.sourceIp);
      continue;
    }
    const organisation = names.get(match.organisationId) ?? "an unknown organisation";
    const lines = (eventsBySource.get(source.sourceIp) ?? []).map((event) => event.raw);
    const evidence = Buffer.from(`${lines.join("\n")}\n`);
    const type = "SSH_BRUTE_FORCE_REPORT" as const;
    const openKey = openKeyFor({ type, organisationId: match.organisationId, sourceIp: source.sourceIp });

    const recorded = await db.$transaction(async (tx) => {
      const [open] = await tx.$queryRaw<
        Array<{ id: string }>
      >`SELECT id FROM "Incident" WHERE "openKey" = ${openKey} FOR UPDATE`;
      let action: IncidentAction;
      let incident: { id: string; reference: number };
      if (open) {
        action = "updated";
        const current = await tx.incident.findUniqueOrThrow({ where: { id: open.id } });
        const first = Math.min(current.firstSeen.getTime(), source.first);
        const last = Math.max(current.lastSeen.getTime(), source.last);
        const attempts = current.flowCount + source.count;
        incident = await tx.incident.update({
          where: { id: open.id },
          data: {
            flowCount: attempts,
            firstSeen: new Date(first),
            lastSeen: new Date(last),
            summary: summary(organisation, source.sourceIp, attempts, first, last, reporterName),
          },
        });
      } else {
        action = "created";
        incident = await tx.incident.create({
          data: {
            type,
            severity: "HIGH",
            organisationId: match.organisationId,
            addressBlockId: match.blockId,
            sourceIp: source.sourceIp,
            port: 22,
            protocol: "tcp",
            activityKind: "BRUTE_FORCE",
            firstSeen: new Date(source.first),
            lastSeen: new Date(source.last),
            flowCount: source.count,
            distinctTargets: new Set((eventsBySource.get(source.sourceIp) ?? []).map((event) => event.host)).size,
            openKey,
            summary: summary(organisation, source.sourceIp, source.count, source.first, source.last, reporterName),
            tlp,
          },
        });
      }
      await tx.evidence.create({
        data: {
          incidentId: incident.id,
          kind: "THIRD_PARTY_LOG",
          title: `sshd log from ${reporterName}: ${source.count} failed logins (users: ${source.users.slice(0, 5).join(", ") || "unknown"})`,
          fileName: `csirt-${incident.reference}-third-party-sshd.log`,
          contentType: "text/plain; charset=utf-8",
          content: evidence,
          sha256: createHash("sha256").update(evidence).digest("hex"),
          meta: { reporter: reporterName, attempts: source.count, users: source.users },
        },
      });
      await tx.timelineEvent.create({
        data: {
          incidentId: incident.id,
          type: action === "created" ? "CREATED" : "EVIDENCE_ADDED",
          visibility: "INSTITUTION",
          ...timelineActorFields(actor),
          message: `${reporterName} reported ${source.count} failed SSH logins from ${source.sourceIp} between ${iso(source.first)} and ${iso(source.last)}.`,
          data: { reporter: reporterName, attempts: source.count, users: source.users },
        },
      });
      if (action === "created")
        await queueNotificationsInTx(tx, { incidentId: incident.id, purpose: "FIRST_NOTICE", actor, automatic: true });
      return {
        incidentId: incident.id,
        reference: incident.reference,
        organisation,
        sourceIp: source.sourceIp,
        attempts: source.count,
        action,
      };
    });
    result.incidents.push(recorded);
  }
  return result;
}
