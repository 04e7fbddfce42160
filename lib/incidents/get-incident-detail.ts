import type { Db } from "@/lib/db/client";
import type { EvidenceKind, Tlp } from "@/lib/generated/prisma/enums";
import { binActivity, flowStartsFromCsv, flowStartsFromSample, type ActivityHistogram } from "./activity-over-time";

/** Flow lists read for the activity chart (one per ingest run that saw the source). */
const MAX_FLOW_LISTS_FOR_CHART = 50;
/** Third-party log text shown on the page; the download has all of it. */
export const MAX_LOG_CHARS_SHOWN = 20_000;

export interface EvidenceItem {
  id: string;
  kind: EvidenceKind;
  title: string;
  fileName: string;
  contentType: string;
  truncated: boolean;
  sha256: string;
  bytes: number;
  createdAt: Date;
  /** The file's own marking (stricter than the incident's), or null: the incident's. */
  tlp: Tlp | null;
}

export interface IncidentActivity extends ActivityHistogram {
  /** Where the times came from: every kept flow, or only the log sample's lines. */
  source: "flows" | "sample" | "none";
  /** Some flow lists hold only the first flows of their file (evidence cap). */
  partial: boolean;
}

function text(content: Uint8Array): string {
  return Buffer.from(content).toString("utf8");
}

/**
 * Everything the incident page shows, by the reference people quote. Staff only (callers
 * check); null when there is no such incident.
 */
export async function getIncidentDetail(db: Db, { reference }: { reference: number }) {
  // The incident and what hangs off it in one query (relation joins); evidence in a second round.
  const found = await db.incident.findUnique({
    where: { reference },
    include: {
      organisation: {
        select: {
          id: true,
          name: true,
          slug: true,
          notificationPolicy: true,
          active: true,
          contacts: {
            where: { active: true },
            select: {
              id: true,
              name: true,
              email: true,
              role: true,
              phone: true,
              lastBounce: true,
              undeliverableAt: true,
            },
            orderBy: [{ role: "asc" }, { name: "asc" }],
          },
        },
      },
      addressBlock: { select: { network: true, description: true } },
      assignee: { select: { id: true, name: true, email: true } },
      mergedInto: { select: { reference: true } },
      timeline: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { actor: { select: { name: true } } } },
      notifications: {
        select: {
          id: true,
          toAddress: true,
          purpose: true,
          round: true,
          state: true,
          attempts: true,
          sentAt: true,
          lastError: true,
          bounceDiagnostic: true,
          createdAt: true,
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!found) return null;
  const { organisation, addressBlock, assignee, mergedInto, timeline, notifications } = found;

  const [evidence, sample, thirdParty, flowLists] = await Promise.all([
    db.$queryRaw<EvidenceItem[]>`
      SELECT id, kind, title, "fileName", "contentType", truncated, sha256, octet_length(content)::int AS bytes, "createdAt", tlp
      FROM "Evidence" WHERE "incidentId" = ${found.id}::uuid ORDER BY "createdAt", id`,
    db.evidence.findFirst({
      where: { incidentId: found.id, kind: "FLOW_SAMPLE" },
      orderBy: { createdAt: "desc" },
      select: { id: true, content: true, title: true },
    }),
    db.evidence.findMany({
      where: { incidentId: found.id, kind: "THIRD_PARTY_LOG" },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true, content: true, createdAt: true },
    }),
    db.evidence.findMany({
      where: { incidentId: found.id, kind: "FLOW_LIST" },
      orderBy: { createdAt: "desc" },
      take: MAX_FLOW_LISTS_FOR_CHART,
      select: { content: true, truncated: true },
    }),
  ]);

  const [matchingBlock, merged] = await Promise.all([
    // The block recorded at detection; if it was removed since, the member block that holds the address now.
    addressBlock
      ? { ...addressBlock, current: true }
      : db.$queryRaw<Array<{ network: string; description: string | null }>>`
          SELECT network::text AS network, description FROM "AddressBlock"
          WHERE "organisationId" = ${found.organisationId}::uuid AND network >>= ${found.sourceIp}::inet
          ORDER BY masklen(network) DESC LIMIT 1`.then((rows) => (rows[0] ? { ...rows[0], current: false } : null)),
    // "mergedIntoId" has no index: only look for duplicates when the timeline says a merge happened.
    timeline.some((event) => event.type === "MERGED")
      ? db.incident.findMany({
          where: { mergedIntoId: found.id },
          select: { reference: true, status: true },
          orderBy: { reference: "asc" },
        })
      : [],
  ]);
  const incident = { ...found, organisation, addressBlock, assignee, mergedInto, timeline, notifications, merged };

  const sampleText = sample ? text(sample.content) : null;
  let activity: IncidentActivity;
  if (flowLists.length) {
    const times = flowLists.flatMap((list) => flowStartsFromCsv(text(list.content)));
    const partial =
      flowLists.some((list) => list.truncated) ||
      evidence.filter((item) => item.kind === "FLOW_LIST").length > flowLists.length;
    activity = { ...binActivity(times), source: "flows", partial };
  } else if (sampleText) {
    activity = { ...binActivity(flowStartsFromSample(sampleText)), source: "sample", partial: true };
  } else {
    activity = { ...binActivity([]), source: "none", partial: false };
  }

  return {
    incident,
    evidence: evidence.map((item) => ({ ...item, bytes: Number(item.bytes) })),
    matchingBlock,
    sample: sample && sampleText !== null ? { id: sample.id, title: sample.title, text: sampleText } : null,
    thirdParty: thirdParty.map((item) => {
      const full = text(item.content);
      return {
        id: item.id,
        title: item.title,
        createdAt: item.createdAt,
        text: full.slice(0, MAX_LOG_CHARS_SHOWN),
        cut: full.length > MAX_LOG_CHARS_SHOWN,
      };
    }),
    activity,
  };
}

export type IncidentDetail = NonNullable<Awaited<ReturnType<typeof getIncidentDetail>>>;
