import type { AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { importOrganisations, type ImportSummary } from "./import-organisations";
import type { TCsvIssue } from "./organisation-import";
import { findImportOverlaps } from "./find-import-overlaps";
import { parseOrganisationsCsv } from "./parse-organisations-csv";

export interface CsvImportReport {
  imported: boolean;
  organisations: number;
  errors: TCsvIssue[];
  warnings: TCsvIssue[];
  /** A refusal that concerns the database rather than a line (a block held by another organisation). */
  refusal: string | null;
  /** Blocks nesting with another member's block: reported by the check; the import waits for "Import anyway". */
  overlaps: string[];
  /** The import stopped at the overlaps and asks whether to proceed. */
  needsConfirmation: boolean;
  summary: ImportSummary | null;
}

/** The CLI's import for the browser: every line checked first; nothing is imported unless all are good. */
export async function importOrganisationsCsv(
  db: Db,
  {
    text,
    dryRun = false,
    acceptOverlaps = false,
    actor,
  }: { text: string; dryRun?: boolean; acceptOverlaps?: boolean; actor: AuditActor },
): Promise<CsvImportReport> {
  const parsed = parseOrganisationsCsv(text);
  const report: CsvImportReport = {
    imported: false,
    organisations: parsed.organisations.length,
    errors: parsed.errors,
    warnings: parsed.warnings,
    refusal: null,
    overlaps: [],
    needsConfirmation: false,
    summary: null,
  };
  if (parsed.errors.length > 0) return report;
  report.overlaps = await findImportOverlaps(db, parsed.organisations);
  if (dryRun) return report;
  if (report.overlaps.length > 0 && !acceptOverlaps) {
    report.needsConfirmation = true;
    return report;
  }
  try {
    report.summary = await importOrganisations(db, parsed.organisations, { actor });
    report.imported = true;
  } catch (error) {
    if (!isAppError(error, "CONFLICT")) throw error;
    report.refusal = error.message;
  }
  return report;
}
