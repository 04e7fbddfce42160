import type { Db } from "@/lib/db/client";

/** Every notification template, grouped by incident type and purpose, with who changed it last. */
export async function listTemplates(db: Db) {
  return db.template.findMany({
    orderBy: [{ incidentType: "asc" }, { purpose: "asc" }],
    include: { updatedBy: { select: { email: true } } },
  });
}

/** One template by id, or null (an id that is not a UUID finds nothing). */
export async function getTemplate(db: Db, { id }: { id: string }) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return db.template.findUnique({ where: { id } });
}
