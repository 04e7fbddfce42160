import type { Db } from "@/lib/db/client";

export async function countActiveOrganisations(db: Db): Promise<number> {
  return db.organisation.count({ where: { active: true } });
}
