import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { importOrganisations } from "./import-organisations";
import { parseOrganisationsCsv } from "./parse-organisations-csv";

const actor = { label: "test" };

describe("importing organisations", () => {
  it("is repeatable: a second import of the same file (host blocks included) adds nothing", async () => {
    const csv = "organisation,blocks,contact_email,contact_name\nHost College,192.0.2.7 2001:db8:99::1 198.18.5.0/24,sec@host.example,Sec\n";
    const parsed = parseOrganisationsCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(await importOrganisations(db, parsed.organisations, { actor })).toMatchObject({ organisationsCreated: 1, blocksAdded: 3, contactsAdded: 1 });
    expect(await importOrganisations(db, parsed.organisations, { actor })).toMatchObject({ organisationsCreated: 0, organisationsUpdated: 1, blocksAdded: 0, contactsAdded: 0, contactsUpdated: 1 });
    expect(await db.addressBlock.count()).toBe(3);
  });

  it("refuses a block another organisation holds, and imports nothing", async () => {
    const parsed = parseOrganisationsCsv("organisation,blocks\nNew Institute,198.51.100.0/24\nPoacher College,192.0.2.7\n");
    await expect(importOrganisations(db, parsed.organisations, { actor })).rejects.toSatisfy((error) => isAppError(error, "CONFLICT") && /192\.0\.2\.7\/32 already belongs to Host College/.test((error as Error).message));
    expect(await db.organisation.count({ where: { name: { in: ["New Institute", "Poacher College"] } } })).toBe(0);
  });
});
