import type { Db } from "@/lib/db/client";

/** The caller's own organisations with their address space: the portal's home page. */
export async function listOwnOrganisations(db: Db, { organisationIds }: { organisationIds: string[] }) {
  return db.organisation.findMany({
    where: { id: { in: organisationIds } },
    orderBy: { name: "asc" },
    include: { blocks: { select: { network: true } } },
  });
}

/** The caller's own organisations with blocks, active contacts and their latest change requests: the portal's contacts page. */
export async function listOwnOrganisationContacts(db: Db, { organisationIds }: { organisationIds: string[] }) {
  return db.organisation.findMany({
    where: { id: { in: organisationIds } },
    orderBy: { name: "asc" },
    include: {
      blocks: { select: { network: true } },
      contacts: {
        where: { active: true },
        orderBy: { name: "asc" },
        select: { id: true, name: true, email: true, role: true },
      },
      changeRequests: { orderBy: { createdAt: "desc" }, take: 20 },
    },
  });
}
