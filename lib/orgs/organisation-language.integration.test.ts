import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
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
});
