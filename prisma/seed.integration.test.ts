import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { DEFAULT_TEMPLATE_SETS } from "@/lib/notify/default-templates";
import { SETTINGS } from "@/lib/settings/definitions";
import { DEMO_PASSWORD, DEMO_USERS, seedDefaults, seedDemoData } from "./seed";

describe("demo data", () => {
  it("loads organisations, blocks, contacts, one user per role, templates and settings once", async () => {
    expect(await seedDemoData({ db })).toBe(true);
    expect(await seedDemoData({ db })).toBe(false);

    expect(await db.organisation.count()).toBe(4);
    const college = await db.organisation.findUniqueOrThrow({
      where: { slug: "example-college" },
      include: { blocks: true, contacts: true },
    });
    expect(college.blocks.map((block) => block.network)).toEqual(["192.0.2.0/24"]);
    expect(college.contacts.length).toBeGreaterThanOrEqual(2);
    const university = await db.organisation.findUniqueOrThrow({
      where: { slug: "sample-university" },
      include: { blocks: true },
    });
    expect(university.blocks.map((block) => block.network).sort()).toEqual(["198.51.100.0/24", "2001:db8:10::/48"]);

    const users = await db.user.findMany({
      select: { email: true, role: true, passwordHash: true, memberships: true },
    });
    expect(users.map((user) => user.role).sort()).toEqual(["ADMIN", "ANALYST", "INSTITUTION"]);
    for (const user of users) expect(await verifyPassword(user.passwordHash!, DEMO_PASSWORD)).toBe(true);
    const institution = users.find((user) => user.role === "INSTITUTION")!;
    expect(institution.email).toBe(DEMO_USERS[2]!.email);
    expect(institution.memberships.map((membership) => membership.organisationId)).toEqual([college.id]);

    const defaults = Object.values(DEFAULT_TEMPLATE_SETS).flat().length;
    expect(await db.template.count()).toBe(defaults);
    expect(await db.template.count({ where: { language: "de" } })).toBe(DEFAULT_TEMPLATE_SETS.de.length);
    expect(await db.setting.count()).toBe(Object.keys(SETTINGS).length);
  });

  it("seeds a missing German template again, and never overwrites one an admin edited", async () => {
    await seedDefaults(db);
    const german = await db.template.findUniqueOrThrow({
      where: { incidentType_purpose_language: { incidentType: "SSH_SCAN", purpose: "FIRST_NOTICE", language: "de" } },
    });
    await db.template.update({ where: { id: german.id }, data: { subject: "[CSIRT #{{reference}}] Bearbeitet" } });
    await db.template.delete({
      where: { incidentType_purpose_language: { incidentType: "SSH_SCAN", purpose: "CLOSED", language: "de" } },
    });
    await seedDefaults(db);
    expect((await db.template.findUniqueOrThrow({ where: { id: german.id } })).subject).toBe(
      "[CSIRT #{{reference}}] Bearbeitet",
    );
    const closed = await db.template.findUniqueOrThrow({
      where: { incidentType_purpose_language: { incidentType: "SSH_SCAN", purpose: "CLOSED", language: "de" } },
    });
    expect(closed.subject).toContain("Geschlossen");
  });

  it("finds a longest-prefix match for an address inside a member block in SQL", async () => {
    const rows = await db.$queryRaw<Array<{ network: string; name: string }>>`
      SELECT b.network::text AS network, o.name FROM "AddressBlock" b JOIN "Organisation" o ON o.id = b."organisationId"
      WHERE b.network >>= ${"2001:db8:10:1::99"}::inet ORDER BY masklen(b.network) DESC LIMIT 1`;
    expect(rows).toEqual([{ network: "2001:db8:10::/48", name: "Sample University" }]);
  });
});
