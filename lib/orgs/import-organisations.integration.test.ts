import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { importOrganisations } from "./import-organisations";
import { importOrganisationsCsv } from "./import-organisations-csv";
import { parseOrganisationsCsv } from "./parse-organisations-csv";

const actor = { label: "test" };

describe("importing organisations", () => {
  it("is repeatable: a second import of the same file (host blocks included) adds nothing", async () => {
    const csv =
      "organisation,blocks,contact_email,contact_name\nHost College,192.0.2.7 2001:db8:99::1 198.18.5.0/24,sec@host.example,Sec\n";
    const parsed = parseOrganisationsCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(await importOrganisations(db, parsed.organisations, { actor })).toMatchObject({
      organisationsCreated: 1,
      blocksAdded: 3,
      contactsAdded: 1,
    });
    expect(await importOrganisations(db, parsed.organisations, { actor })).toMatchObject({
      organisationsCreated: 0,
      organisationsUpdated: 1,
      blocksAdded: 0,
      contactsAdded: 0,
      contactsUpdated: 1,
    });
    expect(await db.addressBlock.count()).toBe(3);
  });

  it("refuses a block another organisation holds, and imports nothing", async () => {
    const parsed = parseOrganisationsCsv(
      "organisation,blocks\nNew Institute,198.51.100.0/24\nPoacher College,192.0.2.7\n",
    );
    await expect(importOrganisations(db, parsed.organisations, { actor })).rejects.toSatisfy(
      (error) =>
        isAppError(error, "CONFLICT") &&
        /192\.0\.2\.7\/32 already belongs to Host College/.test((error as Error).message),
    );
    expect(await db.organisation.count({ where: { name: { in: ["New Institute", "Poacher College"] } } })).toBe(0);
  });

  it("reports a block nesting with another member's block in the check, and imports it only when told to proceed", async () => {
    const csv = "organisation,blocks\nLab Annex,198.18.5.128/25\nWide Net,198.18.0.0/16\n";
    const check = await importOrganisationsCsv(db, { text: csv, dryRun: true, actor });
    expect(check).toMatchObject({ imported: false, needsConfirmation: false, errors: [] });
    expect(check.overlaps).toEqual([
      `198.18.0.0/16 of "Wide Net" contains 198.18.5.0/24 of Host College: those addresses stay Host College's (the longer prefix wins), the rest would count as "Wide Net".`,
      `198.18.5.128/25 of "Lab Annex" lies inside 198.18.5.0/24 of Host College: its addresses would count as "Lab Annex" (the longer prefix wins).`,
    ]);

    const stopped = await importOrganisationsCsv(db, { text: csv, actor });
    expect(stopped).toMatchObject({ imported: false, needsConfirmation: true });
    expect(await db.organisation.count({ where: { name: { in: ["Lab Annex", "Wide Net"] } } })).toBe(0);

    const accepted = await importOrganisationsCsv(db, { text: csv, acceptOverlaps: true, actor });
    expect(accepted).toMatchObject({
      imported: true,
      needsConfirmation: false,
      summary: { organisationsCreated: 2, blocksAdded: 2 },
    });
    expect(accepted.overlaps).toHaveLength(2);
  });
});
