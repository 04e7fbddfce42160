import type { AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { importOrganisations, type ImportSummary } from "./import-organisations";
import type { TCsvIssue } from "./organisation-import";
import { parseOrganisationsCsv } from "./parse-organisations-csv";

export interface CsvImportReport {
  imported: boolean;
  organisations: number;
  errors: TCsvIssue[];
  warnings: TCsvIssue[];
  /** A refusal that concerns the database rather than a line (a block held by another organisation). */
  refusal: string | null;
  summary: ImportSummary | null;
}

/** The CLI's import for the browser: every line checked first; nothing is imported unless all are good. */
export async function importOrganisationsCsv(
  db: Db,
  { text, dryRun = false, actor }: { text: string; dryRun?: boolean; actor: AuditActor },
): Promise<CsvImportReport> {
  const parsed = parseOrganisationsCsv(text);
  const report: CsvImportReport = {
    imported: false,
    organisations: parsed.organisations.length,
    errors: parsed.errors,
    warnings: parsed.warnings,
    refusal: null,
    summary: null,
  };
  if (parsed.errors.length > 0 || dryRun) return report;
  try {
    report.summary = await importOrganisations(db, parsed.organisations, { actor });
    report.imported = true;
  } catch (error) {
    if (!isAppError(error, "CONFLICT")) throw error;
    report.refusal = error.message;
  }
  return report;
}
