import type { Db } from "@/lib/db/client";
import { suppressionState, type SuppressionState } from "./suppression-state";

export interface SuppressionRow {
  id: string;
  network: string;
  reason: string;
  expiresAt: Date;
  createdAt: Date;
  approvedAt: Date | null;
  refusedAt: Date | null;
  refusalReason: string | null;
  /** Flows it held back (a number: a JavaScript number counts exactly to 2^53). */
  hits: number;
  lastHitAt: Date | null;
  requestedBy: string | null;
  state: SuppressionState;
}

const ROW_SELECT = {
  id: true,
  network: true,
  reason: true,
  expiresAt: true,
  createdAt: true,
  approvedAt: true,
  refusedAt: true,
  refusalReason: true,
  hitCount: true,
  lastHitAt: true,
  createdBy: { select: { email: true, role: true } },
} as const;

type SelectedRow = {
  id: string;
  network: string;
  reason: string;
  expiresAt: Date;
  createdAt: Date;
  approvedAt: Date | null;
  refusedAt: Date | null;
  refusalReason: string | null;
  hitCount: bigint;
  lastHitAt: Date | null;
  createdBy: { email: string; role: string } | null;
};

function toRow(entry: SelectedRow, now: Date): SuppressionRow {
  const { hitCount, createdBy, ...rest } = entry;
  // Institutions see who of theirs asked; an analyst's entry is "the CSIRT".
  const requestedBy = createdBy ? (createdBy.role === "INSTITUTION" ? createdBy.email : "the CSIRT") : null;
  return { ...rest, hits: Number(hitCount), requestedBy, state: suppressionState(entry, now) };
}

/** The caller's own organisations, each with its address blocks and suppressions (newest first): the portal's page. */
export async function listOwnSuppressions(
  db: Db,
  { organisationIds, now = new Date() }: { organisationIds: string[]; now?: Date },
) {
  const organisations = await db.organisation.findMany({
    where: { id: { in: organisationIds } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      timeZone: true,
      blocks: { select: { network: true }, orderBy: { network: "asc" } },
      allowList: { orderBy: { createdAt: "desc" }, select: ROW_SELECT },
    },
  });
  return organisations.map(({ allowList, ...organisation }) => ({
    ...organisation,
    suppressions: allowList.map((entry) => toRow(entry, now)),
  }));
}

/** One organisation's suppressions for the analysts' organisation page, newest first. */
export async function listOrganisationSuppressions(
  db: Db,
  { organisationId, now = new Date() }: { organisationId: string; now?: Date },
): Promise<SuppressionRow[]> {
  const entries = await db.allowListEntry.findMany({
    where: { organisationId },
    orderBy: { createdAt: "desc" },
    select: ROW_SELECT,
  });
  return entries.map((entry) => toRow(entry, now));
}
