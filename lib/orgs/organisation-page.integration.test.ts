import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addAddressBlock } from "./add-address-block";
import { addAllowListEntry } from "./add-allow-list-entry";
import { addContact } from "./add-contact";
import { addOrganisationMember } from "./add-organisation-member";
import { approveAllowListEntry } from "./approve-allow-list-entry";
import { listBlockOverlaps } from "./block-overlap-query";
import { importOrganisationsCsv } from "./import-organisations-csv";
import { ZAllowListInputSchema, ZContactInputSchema } from "./org-inputs";
import { removeAddressBlock } from "./remove-address-block";
import { removeOrganisationMember } from "./remove-organisation-member";
import { searchOrganisations } from "./search-organisations";
import { setContactActive } from "./set-contact-active";
import { setNotificationPolicy } from "./set-notification-policy";
import { updateContact } from "./update-contact";

const actor = { label: "analyst@csirt.example" };
const ids: Record<string, string> = {};

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function auditActions(organisationId: string): Promise<string[]> {
  const rows = await db.auditLog.findMany({
    where: { organisationId },
    orderBy: { id: "asc" },
    select: { action: true },
  });
  return rows.map((row) => row.action);
}

beforeAll(async () => {
  for (const [slug, name, blocks] of [
    ["example-college", "Example College", ["192.0.2.0/24"]],
    ["sample-university", "Sample University", ["198.51.100.0/24", "2001:db8:10::/48"]],
    ["riverside", "Riverside Research Institute", ["198.18.0.0/16", "2001:db8:20::/48"]],
    ["newcomer", "Newcomer Academy", []],
  ] as const) {
    const organisation = await db.organisation.create({
      data: { slug, name, blocks: { create: blocks.map((network) => ({ network })) } },
    });
    ids[slug] = organisation.id;
  }
});

describe("address blocks", () => {
  it("adds a block that overlaps nobody at once, and audits it", async () => {
    const result = await addAddressBlock(db, { organisationId: ids.newcomer!, network: "203.0.113.0/25", actor });
    expect(result).toMatchObject({ status: "added", network: "203.0.113.0/25", normalisedFrom: null, overlaps: [] });
    expect(await auditActions(ids.newcomer!)).toEqual(["organisation.block.add"]);
  });

  it("clears host bits and says what was typed", async () => {
    const result = await addAddressBlock(db, { organisationId: ids.newcomer!, network: " 203.0.113.200/25 ", actor });
    expect(result).toMatchObject({ status: "added", network: "203.0.113.128/25", normalisedFrom: "203.0.113.200/25" });
  });

  it("refuses text that is not a block, with lib/net's message", async () => {
    expect(
      (await rejection(addAddressBlock(db, { organisationId: ids.newcomer!, network: "192.0.2.300/24", actor }))).code,
    ).toBe("INVALID_INPUT");
    const bare = await rejection(addAddressBlock(db, { organisationId: ids.newcomer!, network: "203.0.113.9", actor }));
    expect(bare.message).toContain("203.0.113.9/32");
  });

  it("IPv4: a block inside another organisation's block is held back with a warning naming it, then added on confirmation", async () => {
    const first = await addAddressBlock(db, { organisationId: ids.newcomer!, network: "198.18.4.0/24", actor });
    expect(first.status).toBe("needs-confirmation");
    expect(first.overlaps).toEqual([
      expect.objectContaining({
        network: "198.18.0.0/16",
        organisationName: "Riverside Research Institute",
        organisationSlug: "riverside",
        relation: "inside",
      }),
    ]);
    expect(await db.addressBlock.count({ where: { organisationId: ids.newcomer!, network: "198.18.4.0/24" } })).toBe(0);

    const confirmed = await addAddressBlock(db, {
      organisationId: ids.newcomer!,
      network: "198.18.4.0/24",
      confirmOverlap: true,
      actor,
    });
    expect(confirmed).toMatchObject({ status: "added", network: "198.18.4.0/24" });
    expect(confirmed.overlaps.map((overlap) => overlap.organisationName)).toEqual(["Riverside Research Institute"]);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "organisation.block.add", targetId: confirmed.status === "added" ? confirmed.blockId : "" },
    });
    expect(audit.data).toMatchObject({
      overlaps: ["198.18.4.0/24 lies inside 198.18.0.0/16 of Riverside Research Institute"],
    });
  });

  it("IPv4: a block containing other organisations' blocks names each of them", async () => {
    const result = await addAddressBlock(db, { organisationId: ids.newcomer!, network: "192.0.0.0/8", actor });
    expect(result.status).toBe("needs-confirmation");
    expect(result.overlaps.map((overlap) => [overlap.network, overlap.organisationName, overlap.relation])).toEqual([
      ["192.0.2.0/24", "Example College", "contains"],
    ]);
  });

  it("IPv6: overlaps are found in both directions, and never across address families", async () => {
    const inside = await addAddressBlock(db, {
      organisationId: ids.newcomer!,
      network: "2001:db8:10:ff00::/56",
      actor,
    });
    expect(inside.status).toBe("needs-confirmation");
    expect(inside.overlaps).toEqual([
      expect.objectContaining({
        network: "2001:db8:10::/48",
        organisationName: "Sample University",
        relation: "inside",
      }),
    ]);

    const around = await addAddressBlock(db, { organisationId: ids.newcomer!, network: "2001:db8::/32", actor });
    expect(around.overlaps.map((overlap) => [overlap.network, overlap.organisationName]).sort()).toEqual([
      ["2001:db8:10::/48", "Sample University"],
      ["2001:db8:20::/48", "Riverside Research Institute"],
    ]);

    const elsewhere = await addAddressBlock(db, { organisationId: ids.newcomer!, network: "2001:db8:30::/48", actor });
    expect(elsewhere).toMatchObject({ status: "added", overlaps: [] });
  });

  it("refuses a block another organisation already holds, even when confirmed (v4 and v6)", async () => {
    for (const network of ["198.51.100.0/24", "198.51.100.7/24", "2001:db8:10::/48"]) {
      const error = await rejection(
        addAddressBlock(db, { organisationId: ids.newcomer!, network, confirmOverlap: true, actor }),
      );
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain("already belongs to Sample University");
    }
  });

  it("refuses a block the organisation already has", async () => {
    const error = await rejection(
      addAddressBlock(db, { organisationId: ids["example-college"]!, network: "192.0.2.0/24", actor }),
    );
    expect(error.message).toBe("Example College already has 192.0.2.0/24.");
  });

  it("lists existing overlaps per block, and removes a block only from its own organisation", async () => {
    const overlaps = await listBlockOverlaps(db, { organisationId: ids.riverside! });
    const own = await db.addressBlock.findFirstOrThrow({
      where: { organisationId: ids.riverside!, network: "198.18.0.0/16" },
    });
    expect(
      overlaps.get(own.id)?.map((overlap) => [overlap.network, overlap.organisationName, overlap.relation]),
    ).toEqual([["198.18.4.0/24", "Newcomer Academy", "contains"]]);

    const theirs = await db.addressBlock.findFirstOrThrow({
      where: { organisationId: ids.newcomer!, network: "198.18.4.0/24" },
    });
    expect(
      (await rejection(removeAddressBlock(db, { organisationId: ids.riverside!, blockId: theirs.id, actor }))).code,
    ).toBe("NOT_FOUND");
    await removeAddressBlock(db, { organisationId: ids.newcomer!, blockId: theirs.id, actor });
    expect(await db.addressBlock.findUnique({ where: { id: theirs.id } })).toBeNull();
  });
});

describe("search", () => {
  it("finds organisations by address, block, name and slug", async () => {
    const names = async (query: string) =>
      (await searchOrganisations(db, { query })).organisations.map((organisation) => organisation.name);
    expect(await names("198.18.200.1")).toEqual(["Riverside Research Institute"]);
    expect(await names("2001:db8:10:1::99")).toEqual(["Sample University"]);
    expect(await names("192.0.0.0/8")).toEqual(["Example College"]);
    expect(await names("college")).toEqual(["Example College"]);
    expect(await names("riverside")).toEqual(["Riverside Research Institute"]);
    expect(await names("198.51.")).toEqual(["Sample University"]);
    expect(await names("100%")).toEqual([]);
    expect(await names("")).toHaveLength(4);
    const byAddress = await searchOrganisations(db, { query: "192.0.2.77" });
    expect(byAddress).toMatchObject({
      kind: "address",
      organisations: [{ name: "Example College", matchedBlocks: ["192.0.2.0/24"] }],
    });
  });

  it("pages through the list in name order, and a page past the end shows the last one", async () => {
    const all = (await searchOrganisations(db, { query: "" })).organisations.map((organisation) => organisation.name);
    const first = await searchOrganisations(db, { query: "", page: 1, pageSize: 3 });
    expect(first).toMatchObject({ total: all.length, page: 1, pageCount: Math.ceil(all.length / 3) });
    expect(first.organisations.map((organisation) => organisation.name)).toEqual(all.slice(0, 3));
    const second = await searchOrganisations(db, { query: "", page: 2, pageSize: 3 });
    expect(second.organisations.map((organisation) => organisation.name)).toEqual(all.slice(3, 6));
    expect((await searchOrganisations(db, { query: "", page: 99, pageSize: 3 })).page).toBe(first.pageCount);
    expect(await searchOrganisations(db, { query: "college", pageSize: 3 })).toMatchObject({
      kind: "text",
      total: 1,
      pageCount: 1,
    });
  });
});

describe("contacts", () => {
  it("validates and lower-cases input", () => {
    const parsed = ZContactInputSchema.parse({
      name: " Night desk ",
      email: " NOC@Example-College.EXAMPLE ",
      role: "TECHNICAL",
      phone: "",
    });
    expect(parsed).toEqual({
      name: "Night desk",
      email: "noc@example-college.example",
      role: "TECHNICAL",
      phone: null,
      language: null,
    });
    expect(
      ZContactInputSchema.parse({ name: "Nachtdienst", email: "nd@example.de", role: "SECURITY", language: "de" }),
    ).toMatchObject({ language: "de" });
    const klingon = ZContactInputSchema.safeParse({
      name: "x",
      email: "x@example.org",
      role: "SECURITY",
      language: "tlh",
    });
    expect(klingon.error?.issues.map((issue) => issue.path.join("."))).toEqual(["language"]);
    const bad = ZContactInputSchema.safeParse({
      name: "",
      email: "not-an-address",
      role: "BOSS",
      phone: "3.1205550100E+10",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join("."))).toEqual(["name", "email", "role", "phone"]);
  });

  it("adds, refuses a duplicate address, edits, deactivates and reactivates, auditing each step", async () => {
    const organisationId = ids["example-college"]!;
    const contact = ZContactInputSchema.parse({
      name: "Night desk",
      email: "NOC@example-college.example",
      role: "TECHNICAL",
      phone: "+44 20 7946 0000",
    });
    const { id } = await addContact(db, { organisationId, contact, actor });
    expect(await db.contact.findUniqueOrThrow({ where: { id } })).toMatchObject({
      email: "noc@example-college.example",
      role: "TECHNICAL",
      active: true,
    });

    const duplicate = await rejection(
      addContact(db, { organisationId, contact: { ...contact, email: "Noc@Example-College.example" }, actor }),
    );
    expect(duplicate.message).toBe("noc@example-college.example is already a contact of Example College.");

    await updateContact(db, {
      organisationId,
      contactId: id,
      contact: { ...contact, name: "Night operations", role: "ABUSE" },
      actor,
    });
    expect(await db.contact.findUniqueOrThrow({ where: { id } })).toMatchObject({
      name: "Night operations",
      role: "ABUSE",
    });

    await setContactActive(db, { organisationId, contactId: id, active: false, actor });
    expect((await db.contact.findUniqueOrThrow({ where: { id } })).active).toBe(false);
    const again = await rejection(addContact(db, { organisationId, contact, actor }));
    expect(again.message).toContain("deactivated: reactivate it instead");
    await setContactActive(db, { organisationId, contactId: id, active: true, actor });
    expect((await db.contact.findUniqueOrThrow({ where: { id } })).active).toBe(true);

    expect(
      (await rejection(setContactActive(db, { organisationId: ids.riverside!, contactId: id, active: false, actor })))
        .code,
    ).toBe("NOT_FOUND");
    const update = await db.auditLog.findFirstOrThrow({
      where: { action: "organisation.contact.update", targetId: id },
    });
    expect(update.data).toMatchObject({
      before: { name: "Night desk", role: "TECHNICAL" },
      after: { name: "Night operations", role: "ABUSE" },
    });
    expect((await auditActions(organisationId)).filter((action) => action.startsWith("organisation.contact"))).toEqual([
      "organisation.contact.add",
      "organisation.contact.update",
      "organisation.contact.deactivate",
      "organisation.contact.reactivate",
    ]);
  });
});

describe("allow-list", () => {
  const now = new Date("2027-03-01T12:00:00Z");
  const nextMonth = new Date("2027-04-01T00:00:00Z");

  it("checks the form's date", () => {
    expect(
      ZAllowListInputSchema.parse({ network: "192.0.2.10", reason: "Nessus", expiresOn: "2027-04-01" }).expiresOn,
    ).toEqual(nextMonth);
    expect(
      ZAllowListInputSchema.safeParse({ network: "192.0.2.10", reason: "Nessus", expiresOn: "2027-02-30" }).success,
    ).toBe(false);
    expect(ZAllowListInputSchema.safeParse({ network: "192.0.2.10", reason: "Nessus", expiresOn: "" }).success).toBe(
      false,
    );
  });

  it("refuses a bad address, an expiry not in the future, a missing reason, and a source outside the organisation", async () => {
    const organisationId = ids["example-college"]!;
    const add = (network: string, expiresAt: Date, reason = "Site vulnerability scanner") =>
      addAllowListEntry(db, { organisationId, network, reason, expiresAt, actor, now });
    expect((await rejection(add("192.0.2.999", nextMonth))).message).toContain("not a valid");
    expect((await rejection(add("192.0.2.10", now))).message).toBe("The end date must be in the future.");
    expect((await rejection(add("192.0.2.10", new Date("2027-02-01T00:00:00Z")))).message).toBe(
      "The end date must be in the future.",
    );
    expect((await rejection(add("192.0.2.10", nextMonth, "  "))).code).toBe("INVALID_INPUT");
    expect((await rejection(add("198.51.100.10", nextMonth))).message).toContain(
      "not inside Example College's address space",
    );
    expect(await db.allowListEntry.count()).toBe(0);
  });

  it("adds an entry pending approval, approves it once, and refuses to approve an expired one", async () => {
    const organisationId = ids["example-college"]!;
    const entry = await addAllowListEntry(db, {
      organisationId,
      network: "192.0.2.10",
      reason: "Site vulnerability scanner",
      expiresAt: nextMonth,
      actor,
      now,
    });
    expect(entry.network).toBe("192.0.2.10/32");
    expect((await db.allowListEntry.findUniqueOrThrow({ where: { id: entry.id } })).approvedAt).toBeNull();

    await approveAllowListEntry(db, { organisationId, entryId: entry.id, actor, now });
    expect((await db.allowListEntry.findUniqueOrThrow({ where: { id: entry.id } })).approvedAt).toEqual(now);
    expect((await rejection(approveAllowListEntry(db, { organisationId, entryId: entry.id, actor, now }))).code).toBe(
      "CONFLICT",
    );

    const v6 = await addAllowListEntry(db, {
      organisationId: ids["sample-university"]!,
      network: "2001:db8:10:5::/64",
      reason: "Scanner",
      expiresAt: nextMonth,
      actor,
      now,
    });
    const expired = await rejection(
      approveAllowListEntry(db, {
        organisationId: ids["sample-university"]!,
        entryId: v6.id,
        actor,
        now: new Date("2027-05-01T00:00:00Z"),
      }),
    );
    expect(expired.message).toContain("has expired");
  });
});

describe("members and policy", () => {
  it("adds an existing institution user, refuses staff and strangers, removes", async () => {
    const organisationId = ids["sample-university"]!;
    const user = await db.user.create({
      data: { email: "cert@sample-university.example", name: "Uni CERT", role: "INSTITUTION" },
    });
    await db.user.create({ data: { email: "boss@csirt.example", name: "Boss", role: "ADMIN" } });
    await addOrganisationMember(db, { organisationId, email: " CERT@sample-university.example", actor });
    expect(await db.membership.count({ where: { organisationId, userId: user.id } })).toBe(1);
    expect(
      (await rejection(addOrganisationMember(db, { organisationId, email: "cert@sample-university.example", actor })))
        .code,
    ).toBe("CONFLICT");
    expect(
      (await rejection(addOrganisationMember(db, { organisationId, email: "boss@csirt.example", actor }))).code,
    ).toBe("INVALID_INPUT");
    expect(
      (await rejection(addOrganisationMember(db, { organisationId, email: "nobody@example.org", actor }))).code,
    ).toBe("NOT_FOUND");
    await removeOrganisationMember(db, { organisationId, userId: user.id, actor });
    expect(await db.membership.count({ where: { organisationId } })).toBe(0);
  });

  it("changes the notification policy and audits old → new", async () => {
    const organisationId = ids.riverside!;
    expect(await setNotificationPolicy(db, { organisationId, policy: "HOLD_FOR_APPROVAL", actor })).toEqual({
      changed: true,
    });
    expect(await setNotificationPolicy(db, { organisationId, policy: "HOLD_FOR_APPROVAL", actor })).toEqual({
      changed: false,
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { organisationId, action: "organisation.policy.update" },
    });
    expect(audit.data).toEqual({ from: "AUTOMATIC", to: "HOLD_FOR_APPROVAL" });
  });
});

describe("CSV import from the browser", () => {
  const header = "organisation,slug,blocks,contact_name,contact_email,contact_role";

  it("reports a bad line with its number and imports nothing", async () => {
    const before = await db.organisation.count();
    const report = await importOrganisationsCsv(db, {
      text: `${header}\nHillside School,hillside,203.0.113.0/28,Desk,desk@hillside.example,security\nValley School,valley,not-a-block,Desk,desk@valley.example,security\n`,
      actor,
    });
    expect(report.imported).toBe(false);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.line).toBe(3);
    expect(await db.organisation.count()).toBe(before);
  });

  it("imports a clean file (a dry run first changes nothing)", async () => {
    // A block of its own (203.0.113.16/28 would lie inside the newcomer's 203.0.113.0/25 and wait for "Import anyway").
    const text = `${header}\nHillside School,hillside,100.64.7.0/28,Desk,DESK@hillside.example,security\n`;
    const dry = await importOrganisationsCsv(db, { text, dryRun: true, actor });
    expect(dry).toMatchObject({
      imported: false,
      organisations: 1,
      errors: [],
      overlaps: [],
      needsConfirmation: false,
    });
    expect(await db.organisation.count({ where: { slug: "hillside" } })).toBe(0);
    const report = await importOrganisationsCsv(db, { text, actor });
    expect(report).toMatchObject({
      imported: true,
      summary: { organisationsCreated: 1, blocksAdded: 1, contactsAdded: 1 },
    });
    expect(await db.contact.findFirstOrThrow({ where: { organisation: { slug: "hillside" } } })).toMatchObject({
      email: "desk@hillside.example",
    });
  });

  it("turns a block held by another organisation into a refusal, not a crash", async () => {
    const report = await importOrganisationsCsv(db, { text: `${header}\nCopycat,copycat,192.0.2.0/24,,,\n`, actor });
    expect(report.imported).toBe(false);
    expect(report.refusal).toContain("192.0.2.0/24 already belongs to Example College");
    expect(await db.organisation.count({ where: { slug: "copycat" } })).toBe(0);
  });
});
