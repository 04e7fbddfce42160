import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findOrganisationChoice, MAX_SUGGESTIONS, suggestOrganisations } from "./organisation-choices";

let college: string;

beforeAll(async () => {
  college = (await db.organisation.create({ data: { name: "Example College", slug: "example-college" } })).id;
  await db.organisation.create({ data: { name: "Sample University", slug: "sample-university" } });
  await db.organisation.create({ data: { name: "University College of Examples", slug: "ucoe" } });
  await db.organisation.create({ data: { name: "100% Research", slug: "hundred-percent" } });
  for (let i = 1; i <= 25; i++)
    await db.organisation.create({ data: { name: `Member ${String(i).padStart(2, "0")}`, slug: `member-${i}` } });
});

describe("the organisation a filter names", () => {
  it("is found by id, by slug, or by its name in any case", async () => {
    const expected = { id: college, name: "Example College", slug: "example-college" };
    expect(await findOrganisationChoice(db, college)).toEqual(expected);
    expect(await findOrganisationChoice(db, college.toUpperCase())).toEqual(expected);
    expect(await findOrganisationChoice(db, "example-college")).toEqual(expected);
    expect(await findOrganisationChoice(db, "  example COLLEGE ")).toEqual(expected);
  });

  it("is nobody for unknown names, unknown ids and part of a name", async () => {
    expect(await findOrganisationChoice(db, "Example")).toBeNull();
    expect(await findOrganisationChoice(db, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await findOrganisationChoice(db, "   ")).toBeNull();
  });
});

describe("suggestions while typing", () => {
  it("match name or slug anywhere, those that start with the text first", async () => {
    expect((await suggestOrganisations(db, "univ")).map((choice) => choice.name)).toEqual([
      "University College of Examples",
      "Sample University",
    ]);
    expect((await suggestOrganisations(db, "COLLEGE")).map((choice) => choice.name)).toEqual([
      "Example College",
      "University College of Examples",
    ]);
    expect((await suggestOrganisations(db, "ucoe")).map((choice) => choice.slug)).toEqual(["ucoe"]);
  });

  it("take % and _ literally, and never return more than the limit", async () => {
    expect((await suggestOrganisations(db, "100%")).map((choice) => choice.name)).toEqual(["100% Research"]);
    expect(await suggestOrganisations(db, "_")).toEqual([]);
    expect(await suggestOrganisations(db, "")).toHaveLength(MAX_SUGGESTIONS);
    expect(await suggestOrganisations(db, "member", 5)).toHaveLength(5);
    expect(await suggestOrganisations(db, "member", 500)).toHaveLength(MAX_SUGGESTIONS);
  });
});
