import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { setOwnNoticeLanguage } from "@/lib/portal/set-own-notice-language";
import { setOrganisationLanguage } from "./set-organisation-language";

const actor = { id: null, label: "test" };

describe("an organisation's language", () => {
  it("starts in English, changes to German with an audit entry, and refuses a language we have no notices in", async () => {
    const { id: organisationId, language } = await db.organisation.create({
      data: { name: "Hochschule Nord", slug: "hochschule-nord" },
    });
    expect(language).toBe("en");
    expect(await setOrganisationLanguage(db, { organisationId, language: "de", actor })).toEqual({ changed: true });
    expect(await setOrganisationLanguage(db, { organisationId, language: "de", actor })).toEqual({ changed: false });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: organisationId } })).language).toBe("de");
    const audit = await db.auditLog.findMany({ where: { action: "organisation.language.update" } });
    expect(audit.map((entry) => entry.data)).toEqual([{ from: "en", to: "de", name: "German (Deutsch)" }]);
    await expect(setOrganisationLanguage(db, { organisationId, language: "fr", actor })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: '"fr" is not a language notices can be written in.',
    });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: organisationId } })).language).toBe("de");
  });

  it("lets an institution user choose the language of their own organisation's notices, and no other's", async () => {
    const own = await db.organisation.create({ data: { name: "Own College", slug: "own-college" } });
    const other = await db.organisation.create({ data: { name: "Other College", slug: "other-college" } });
    const record = await db.user.create({
      data: {
        email: "it@own.example",
        name: "IT",
        role: "INSTITUTION",
        memberships: { create: { organisationId: own.id } },
      },
    });
    const user = {
      id: record.id,
      email: record.email,
      name: record.name,
      role: "INSTITUTION" as const,
      organisationIds: [own.id],
    };
    expect(await setOwnNoticeLanguage(db, { user, organisationId: own.id, language: "de" })).toEqual({ changed: true });
    await expect(setOwnNoticeLanguage(db, { user, organisationId: other.id, language: "de" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: other.id } })).language).toBe("en");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "organisation.language.update", organisationId: own.id },
    });
    expect(audit.actorLabel).toBe("it@own.example");
  });
});
