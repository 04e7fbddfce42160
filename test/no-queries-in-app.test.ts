/**
 * Routes only route: every database read or write sits in a named lib/ function that takes the
 * caller's scope (docs/architecture.md). A query written in app/ — a Prisma model call on the
 * client or a transaction, or raw SQL — fails here with its file and line.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(__dirname, "..", "app");
const QUERY =
  /\b(?:db|tx|prisma)\s*\.\s*(?:\$(?:queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)\b|[a-z]\w*\s*\.\s*(?:find|create|update|upsert|delete|count|aggregate|groupBy)\w*\s*\()/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

function queriesIn(text: string): number[] {
  return text.split("\n").flatMap((line, i) => (QUERY.test(line) ? [i + 1] : []));
}

describe("no database queries in app/", () => {
  it("recognises what it forbids and lets a lib call through", () => {
    expect(queriesIn('const t = await db.template.findMany({ orderBy: { name: "asc" } });')).toEqual([1]);
    expect(queriesIn("await tx.incident.update({ where: { id } , data });")).toEqual([1]);
    expect(queriesIn("const rows = await db.$queryRaw`SELECT 1`;")).toEqual([1]);
    expect(queriesIn("const templates = await listTemplates(db);\nconst x = await getTemplate(db, { id });")).toEqual(
      [],
    );
  });

  it("finds none in any page, layout, action or route", () => {
    const found = sourceFiles(APP).flatMap((file) =>
      queriesIn(readFileSync(file, "utf8")).map((line) => `${path.relative(APP, file)}:${line}`),
    );
    expect(found).toEqual([]);
  });
});
