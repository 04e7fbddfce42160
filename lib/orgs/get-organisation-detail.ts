import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listBlockOverlaps } from "./block-overlap-query";

export const INCIDENT_HISTORY_LIMIT = 50;

/** The organisation page's heading, looked up before anything streams (so an unknown slug is a real 404). */
export async function findOrganisationSummary(db: Db, { slug }: { slug: string }) {
  return db.organisation.findUnique({
    where: { slug },
    select: { id: true, name: true, slug: true, country: true, active: true, notificationPolicy: true, language: true },
  });
}

/** Everything the organisation page shows, by slug. Throws NOT_FOUND. */
export async function getOrganisationDetail(db: Db, { slug }: { slug: string }) {
  const organisation = await db.organisation.findUnique({
    where: { slug },
    include: {
      blocks: { orderBy: { network: "asc" } },
      contacts: { orderBy: [{ active: "desc" }, { role: "asc" }, { name: "asc" }] },
      memberships: {
        orderBy: { createdAt: "asc" },
        select: {
          createdAt: true,
          user: { select: { id: true, name: true, email: true, active: true, lastSignInAt: true } },
        },
      },
      allowList: { orderBy: { createdAt: "desc" }, include: { createdBy: { select: { email: true } } } },
      _count: { select: { incidents: true } },
    },
  });
  if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
  const [overlaps, incidents] = await Promise.all([
    listBlockOverlaps(db, { organisationId: organisation.id }),
    db.incident.findMany({
      where: { organisationId: organisation.id },
      orderBy: [{ createdAt: "desc" }, { reference: "desc" }],
      take: INCIDENT_HISTORY_LIMIT,
      select: {
        id: true,
        reference: true,
        type: true,
        status: true,
        severity: true,
        sourceIp: true,
        lastSeen: true,
        createdAt: true,
      },
    }),
  ]);
  return { organisation, overlaps, incidents, incidentTotal: organisation._count.incidents };
}

export type TOrganisationDetail = Awaited<ReturnType<typeof getOrganisationDetail>>;
