import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { generatedOrganisationsCsv } from "@/scripts/bench/organisations-file";
import { importOrganisationsCsv } from "./import-organisations-csv";

const actor = { label: "test" };
const SIZE = { organisations: 1_000, blocksEach: 20, contactsEach: 3 } as const;

async function counts() {
  const [organisations, blocks, contacts] = await Promise.all([
    db.organisation.count(),
    db.addressBlock.count(),
    db.contact.count(),
  ]);
  return { organisations, blocks, contacts };
}

describe("importing a large organisations file", () => {
  it("refuses a file with bad rows, naming each line, and writes nothing", async () => {
    const good = generatedOrganisationsCsv({ organisations: 50, blocksEach: 4, contactsEach: 1 });
    const lines = good.trimEnd().split("\r\n");
    // Line 3: an invalid CIDR; line 6: a block line 2's organisation holds; line 9: a slug used on line 8.
    lines[2] = lines[2]!.replace(/10\.0\.0\.\d+\/28/, "10.0.0.999/28");
    lines[5] = lines[5]!.replace(/,(10\.[\d.]+\/28) /, ",10.0.0.0/28 ");
    lines[8] = lines[8]!.replace(/generated-member-8,/, "generated-member-7,");
    const report = await importOrganisationsCsv(db, { text: `${lines.join("\r\n")}\r\n`, actor });
    expect(report.imported).toBe(false);
    expect(report.errors.map((error) => error.line)).toEqual([3, 6, 9]);
    expect(report.errors[0]!.message).toMatch(/10\.0\.0\.999/);
    expect(report.errors[1]!.message).toMatch(/block 10\.0\.0\.0\/28 is given to both "Generated Member 1" \(line 2\)/);
    expect(report.errors[2]!.message).toMatch(/slug "generated-member-7" .* is already used/);
    expect(await counts()).toEqual({ organisations: 0, blocks: 0, contacts: 0 });
  });

  it(`loads ${SIZE.organisations} organisations with ${SIZE.organisations * SIZE.blocksEach} blocks in one go, and a second run adds nothing`, async () => {
    const text = generatedOrganisationsCsv(SIZE);
    const started = performance.now();
    const first = await importOrganisationsCsv(db, { text, actor });
    const seconds = (performance.now() - started) / 1000;
    expect(first.errors).toEqual([]);
    expect(first).toMatchObject({
      imported: true,
      summary: {
        organisationsCreated: 1_000,
        organisationsUpdated: 0,
        blocksAdded: 20_000,
        contactsAdded: 3_000,
        contactsUpdated: 0,
      },
    });
    expect(await counts()).toEqual({ organisations: 1_000, blocks: 20_000, contacts: 3_000 });
    console.log(`[import] 1,000 organisations / 20,000 blocks imported in ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(30);

    const again = await importOrganisationsCsv(db, { text, actor });
    expect(again.summary).toEqual({
      organisationsCreated: 0,
      organisationsUpdated: 1_000,
      blocksAdded: 0,
      contactsAdded: 0,
      contactsUpdated: 3_000,
    });
    expect(await counts()).toEqual({ organisations: 1_000, blocks: 20_000, contacts: 3_000 });
    const hold = await db.organisation.count({ where: { notificationPolicy: "HOLD_FOR_APPROVAL" } });
    expect(hold).toBe(100);
  });

  it("refuses a file whose block another organisation already holds, and writes nothing of it", async () => {
    const before = await counts();
    const text = `organisation,slug,blocks\r\nNewcomer One,newcomer-one,192.0.2.0/24\r\nNewcomer Two,newcomer-two,10.0.0.16/28\r\n`;
    const report = await importOrganisationsCsv(db, { text, actor });
    expect(report.imported).toBe(false);
    expect(report.refusal).toMatch(/10\.0\.0\.16\/28 already belongs to Generated Member 1\. Nothing was imported\./);
    expect(await counts()).toEqual(before);
  });

  it("refuses a name another organisation already has under another slug", async () => {
    const before = await counts();
    const text = "organisation,slug,blocks\r\nGenerated Member 5,someone-else,192.0.2.0/24\r\n";
    const report = await importOrganisationsCsv(db, { text, actor });
    expect(report.refusal).toMatch(/the name "Generated Member 5" \(slug someone-else\) is already used/);
    expect(await counts()).toEqual(before);
  });
});
