"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState, staffAction } from "@/lib/http/action";
import { type CsvImportReport, importOrganisationsCsv } from "@/lib/orgs/import-organisations-csv";
import { MAX_ORGANISATIONS_CSV_BYTES, organisationsCsvTooLarge } from "@/lib/orgs/organisations-csv-columns";

const ZImportCsvSchema = z.object({
  file: z
    .instanceof(File, { message: "Choose a CSV file." })
    .refine((file) => file.size > 0, "Choose a CSV file (the one chosen is empty).")
    .refine((file) => file.size <= MAX_ORGANISATIONS_CSV_BYTES, organisationsCsvTooLarge),
  intent: z.enum(["check", "import", "import-anyway"]).default("import"),
});

/** Checks every line first; imports only a clean file (intent "check" never imports; "import-anyway" accepts overlapping blocks). The report lists problems by line. */
export const importOrganisationsCsvAction = staffAction(
  ZImportCsvSchema,
  async ({ file, intent }, { actor }): Promise<ActionState<CsvImportReport>> => {
    const report = await importOrganisationsCsv(db, {
      text: await file.text(),
      dryRun: intent === "check",
      acceptOverlaps: intent === "import-anyway",
      actor,
    });
    if (report.imported) revalidatePath("/organisations");
    return { ok: report.imported, data: report };
  },
);
