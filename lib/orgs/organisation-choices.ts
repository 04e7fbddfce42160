import type { Db } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/like-pattern";

export interface OrganisationChoice {
  id: string;
  name: string;
  slug: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_SUGGESTIONS = 20;

/** The organisation a link or a filter names: by id, by slug, or by its name in any case. */
export async function findOrganisationChoice(db: Db, text: string): Promise<OrganisationChoice | null> {
  const wanted = text.trim();
  if (!wanted) return null;
  const select = { id: true, name: true, slug: true } as const;
  if (UUID.test(wanted)) return db.organisation.findUnique({ where: { id: wanted.toLowerCase() }, select });
  return (
    (await db.organisation.findUnique({ where: { slug: wanted }, select })) ??
    (await db.organisation.findFirst({
      where: { name: { equals: wanted, mode: "insensitive" } },
      select,
      orderBy: { name: "asc" },
    }))
  );
}

/**
 * Organisations whose name or slug contains the text, those that start with it first: what a
 * filter field offers while someone types, so no page has to carry every member.
 */
export async function suggestOrganisations(
  db: Db,
  text: string,
  limit = MAX_SUGGESTIONS,
): Promise<OrganisationChoice[]> {
  const typed = text.trim().slice(0, 200);
  const pattern = `%${escapeLike(typed)}%`;
  const prefix = `${escapeLike(typed)}%`;
  return db.$queryRaw<OrganisationChoice[]>`
    SELECT id::text AS id, name, slug FROM "Organisation"
    WHERE name ILIKE ${pattern} OR slug ILIKE ${pattern}
    ORDER BY (name ILIKE ${prefix} OR slug ILIKE ${prefix}) DESC, name ASC
    LIMIT ${Math.max(1, Math.min(limit, MAX_SUGGESTIONS))}::int`;
}
