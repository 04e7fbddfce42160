import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseCidrOrAddress } from "@/lib/net";
import { CONTACT_ROLE_TO_DB, NOTIFICATION_POLICY_TO_DB, type TOrgImport } from "./organisation-import";

/** One spelling per block: PostgreSQL prints a host as "192.0.2.1", the parser as "192.0.2.1/32". */
function canonicalBlock(network: string): string {
  return parseCidrOrAddress(network).cidr;
}

export interface ImportSummary {
  organisationsCreated: number;
  organisationsUpdated: number;
  blocksAdded: number;
  contactsAdded: number;
  contactsUpdated: number;
}

/**
 * Loads parsed organisations in one transaction: all or nothing. Organisations match by slug;
 * blocks and contacts are added or updated, never removed (an import cannot silently take
 * away a member's address space). A block already held by another organisation stops the import.
 */
export async function importOrganisations(
  db: Db,
  organisations: TOrgImport[],
  { actor }: { actor: AuditActor },
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    organisationsCreated: 0,
    organisationsUpdated: 0,
    blocksAdded: 0,
    contactsAdded: 0,
    contactsUpdated: 0,
  };
  const allBlocks = organisations.flatMap((organisation) =>
    organisation.blocks.map((network) => ({ network, slug: organisation.slug })),
  );
  const held = allBlocks.length
    ? await db.addressBlock.findMany({
        where: { network: { in: allBlocks.map((block) => canonicalBlock(block.network)) } },
        select: { network: true, organisation: { select: { slug: true, name: true } } },
      })
    : [];
  const conflicts = held.filter((row) =>
    allBlocks.some(
      (block) => canonicalBlock(block.network) === canonicalBlock(row.network) && block.slug !== row.organisation.slug,
    ),
  );
  if (conflicts.length) {
    throw new AppError(
      "CONFLICT",
      `${conflicts.map((row) => `${canonicalBlock(row.network)} already belongs to ${row.organisation.name}`).join("; ")}. Nothing was imported.`,
    );
  }

  await db.$transaction(
    async (tx) => {
      for (const organisation of organisations) {
        const existing = await tx.organisation.findUnique({
          where: { slug: organisation.slug },
          include: { blocks: true, contacts: true },
        });
        const policy = organisation.notificationPolicy
          ? NOTIFICATION_POLICY_TO_DB[organisation.notificationPolicy]
          : undefined;
        const saved = existing
          ? await tx.organisation.update({
              where: { id: existing.id },
              data: {
                name: organisation.name,
                ...(organisation.country ? { country: organisation.country } : {}),
                ...(policy ? { notificationPolicy: policy } : {}),
              },
            })
          : await tx.organisation.create({
              data: {
                name: organisation.name,
                slug: organisation.slug,
                country: organisation.country,
                notificationPolicy: policy ?? "AUTOMATIC",
              },
            });
        if (existing) summary.organisationsUpdated++;
        else summary.organisationsCreated++;

        const knownBlocks = new Set(existing?.blocks.map((block) => canonicalBlock(block.network)));
        const newBlocks = organisation.blocks.filter((network) => !knownBlocks.has(canonicalBlock(network)));
        if (newBlocks.length)
          await tx.addressBlock.createMany({
            data: newBlocks.map((network) => ({ organisationId: saved.id, network })),
          });
        summary.blocksAdded += newBlocks.length;

        for (const contact of organisation.contacts) {
          const known = existing?.contacts.find((row) => row.email.toLowerCase() === contact.email.toLowerCase());
          const data = {
            name: contact.name,
            role: CONTACT_ROLE_TO_DB[contact.role],
            phone: contact.phone,
            active: true,
          };
          if (known) {
            await tx.contact.update({ where: { id: known.id }, data });
            summary.contactsUpdated++;
          } else {
            await tx.contact.create({
              data: { ...data, organisationId: saved.id, email: contact.email.toLowerCase() },
            });
            summary.contactsAdded++;
          }
        }
      }
      await recordAudit(tx as never, { actor, action: "organisations.import", data: { ...summary } });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return summary;
}

/** Every organisation with its blocks and active contacts, in the shape the CSV exporter takes. */
export async function loadOrganisationsForExport(db: Db): Promise<TOrgImport[]> {
  const organisations = await db.organisation.findMany({
    orderBy: { name: "asc" },
    include: {
      blocks: { orderBy: { createdAt: "asc" } },
      contacts: { where: { active: true }, orderBy: { createdAt: "asc" } },
    },
  });
  return organisations.map((organisation) => ({
    name: organisation.name,
    slug: organisation.slug,
    country: organisation.country,
    notificationPolicy: organisation.notificationPolicy === "AUTOMATIC" ? "automatic" : "hold",
    blocks: organisation.blocks.map((block) => block.network),
    contacts: organisation.contacts.map((contact) => ({
      name: contact.name,
      email: contact.email,
      role: contact.role.toLowerCase() as TOrgImport["contacts"][number]["role"],
      phone: contact.phone,
    })),
  }));
}

export async function exportOrganisationsCsv(db: Db): Promise<string> {
  const { organisationsToCsv } = await import("./parse-organisations-csv");
  return organisationsToCsv(await loadOrganisationsForExport(db));
}
