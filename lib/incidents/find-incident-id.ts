import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** The id of the incident people quote by `reference` (staff: every incident). Throws NOT_FOUND. */
export async function findIncidentId(db: Db, { reference }: { reference: number }): Promise<string> {
  const incident = await db.incident.findUnique({ where: { reference }, select: { id: true } });
  if (!incident) throw new AppError("NOT_FOUND", "No such incident.");
  return incident.id;
}
