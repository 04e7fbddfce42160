import type { Db } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/get-settings";
import {
  RETENTION_KINDS,
  type RetentionKind,
  type RetentionPolicy,
  retentionCutoff,
  retentionPolicy,
} from "./retention-policy";
import { measureRawUploads, RETENTION_TARGETS } from "./retention-targets";

export interface RetentionPreviewRow {
  kind: RetentionKind;
  days: number;
  /** Items older than this are due. */
  cutoff: Date;
  /** Items the next run would remove or anonymise. */
  count: number;
  /** The oldest of them (by the date the period counts from). */
  oldest: Date | null;
  /** Per table, for the detail line ("3 evidence files, 1 set of flow keys"). */
  parts: Array<{ item: string; count: number }>;
}

/**
 * What the next retention run would remove, per kind of data: counted with the very conditions
 * the job uses (`RETENTION_TARGETS`, `expiredRunFilesWhere`). Read-only.
 */
export async function previewRetention(
  db: Db,
  { now = new Date(), policy }: { now?: Date; policy?: RetentionPolicy } = {},
): Promise<RetentionPreviewRow[]> {
  const periods = policy ?? retentionPolicy(await getSettings(db));
  const rows: RetentionPreviewRow[] = [];
  for (const kind of RETENTION_KINDS) {
    const cutoff = retentionCutoff(now, periods[kind]);
    const parts: RetentionPreviewRow["parts"] = [];
    let oldest: Date | null = null;
    const measured =
      kind === "rawUploads"
        ? [{ item: "stored file", ...(await measureRawUploads(db, cutoff)) }]
        : await Promise.all(
            RETENTION_TARGETS.filter((target) => target.kind === kind).map(async (target) => ({
              item: target.item,
              ...(await target.measure(db, cutoff)),
            })),
          );
    for (const part of measured) {
      parts.push({ item: part.item, count: part.count });
      if (part.oldest && (!oldest || part.oldest < oldest)) oldest = part.oldest;
    }
    rows.push({
      kind,
      days: periods[kind],
      cutoff,
      count: parts.reduce((sum, part) => sum + part.count, 0),
      oldest,
      parts,
    });
  }
  return rows;
}
