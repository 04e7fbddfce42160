import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseCidrOrAddress } from "@/lib/net";
import { CONTACT_ROLE_TO_DB, NOTIFICATION_POLICY_TO_DB, type TOrgImport } from "./organisation-import";

export interface ImportSummary {
  organisationsCreated: number;
  organisationsUpdated: number;
  blocksAdded: number;
  contactsAdded: number;
  contactsUpdated: number;
}

/** The file as columns (one array per field), the shape `unnest` takes: one bound parameter per column. */
function columnsOf(organisations: TOrgImport[]) {
  const blocks = organisations.flatMap((organisation) =>
    organisation.blocks.map((network) => ({ network: parseCidrOrAddress(network).cidr, slug: organisation.slug })),
  );
  const contacts = organisations.flatMap((organisation) =>
    organisation.contacts.map((contact) => ({ ...contact, slug: organisation.slug })),
  );
  return {
    names: organisations.map((organisation) => organisation.name),
    slugs: organisations.map((organisation) => organisation.slug),
    countries: organisations.map((organisation) => organisation.country),
    policies: organisations.map((organisation) =>
      organisation.notificationPolicy ? NOTIFICATION_POLICY_TO_DB[organisation.notificationPolicy] : null,
    ),
    blockNetworks: blocks.map((block) => block.network),
    blockSlugs: blocks.map((block) => block.slug),
    contactSlugs: contacts.map((contact) => contact.slug),
    contactNames: contacts.map((contact) => contact.name),
    contactEmails: contacts.map((contact) => contact.email.toLowerCase()),
    contactRoles: contacts.map((contact) => CONTACT_ROLE_TO_DB[contact.role]),
    contactPhones: contacts.map((contact) => contact.phone),
  };
}

/** What another organisation already holds: an identical block, or the name (names are unique). */
async function findConflicts(tx: Tx, columns: ReturnType<typeof columnsOf>): Promise<string[]> {
  const blocks = await tx.$queryRaw<Array<{ network: string; holder: string }>>`
    SELECT n.network::text AS network, o.name AS holder
    FROM unnest(${columns.blockNetworks}::inet[], ${columns.blockSlugs}::text[]) AS n(network, slug)
    JOIN "AddressBlock" b ON b.network = n.network
    JOIN "Organisation" o ON o.id = b."organisationId" AND o.slug <> n.slug
    ORDER BY n.network
    LIMIT ${MAX_CONFLICTS_LISTED}`;
  const names = await tx.$queryRaw<Array<{ name: string; slug: string; holderSlug: string }>>`
    SELECT n.name, n.slug, o.slug AS "holderSlug"
    FROM unnest(${columns.names}::text[], ${columns.slugs}::text[]) AS n(name, slug)
    JOIN "Organisation" o ON o.name = n.name AND o.slug <> n.slug
    ORDER BY n.name
    LIMIT ${MAX_CONFLICTS_LISTED}`;
  return [
    ...blocks.map((row) => `${parseCidrOrAddress(row.network).cidr} already belongs to ${row.holder}`),
    ...names.map(
      (row) =>
        `the name "${row.name}" (slug ${row.slug}) is already used by the organisation with slug ${row.holderSlug}`,
    ),
  ];
}

const MAX_CONFLICTS_LISTED = 20;

/**
 * Loads parsed organisations in one transaction: all or nothing. Organisations match by slug;
 * blocks and contacts are added or updated, never removed (an import cannot silently take
 * away a member's address space). A block already held by another organisation stops the import.
 *
 * Set-based: each table is written by one statement over arrays (`unnest`), whatever the size of
 * the file, so 10,000 organisations with 200,000 blocks take seconds, not one round trip per row;
 * upserts (`ON CONFLICT`) make a second run of the same file change nothing but `updatedAt`.
 */
export async function importOrganisations(
  db: Db,
  organisations: TOrgImport[],
  { actor }: { actor: AuditActor },
): Promise<ImportSummary> {
  const columns = columnsOf(organisations);
  return db.$transaction(
    async (tx) => {
      // Checked inside the transaction: a block added meanwhile by someone else cannot slip in between.
      const conflicts = await findConflicts(tx, columns);
      if (conflicts.length) throw new AppError("CONFLICT", `${conflicts.join("; ")}. Nothing was imported.`);
      const organisationsUpdated = await tx.$executeRaw`
        UPDATE "Organisation" o
        SET name = n.name, country = coalesce(n.country, o.country),
            "notificationPolicy" = coalesce(n.policy::"NotificationPolicy", o."notificationPolicy"), "updatedAt" = now()
        FROM unnest(${columns.names}::text[], ${columns.slugs}::text[], ${columns.countries}::text[], ${columns.policies}::text[])
          AS n(name, slug, country, policy)
        WHERE o.slug = n.slug`;
      const organisationsCreated = await tx.$executeRaw`
        INSERT INTO "Organisation" (id, name, slug, country, "notificationPolicy", "updatedAt")
        SELECT gen_random_uuid(), n.name, n.slug, n.country, coalesce(n.policy, 'AUTOMATIC')::"NotificationPolicy", now()
        FROM unnest(${columns.names}::text[], ${columns.slugs}::text[], ${columns.countries}::text[], ${columns.policies}::text[])
          AS n(name, slug, country, policy)
        ON CONFLICT (slug) DO NOTHING`;
      const blocksAdded = await tx.$executeRaw`
        INSERT INTO "AddressBlock" (id, "organisationId", network)
        SELECT gen_random_uuid(), o.id, n.network
        FROM unnest(${columns.blockNetworks}::inet[], ${columns.blockSlugs}::text[]) AS n(network, slug)
        JOIN "Organisation" o ON o.slug = n.slug
        ON CONFLICT ("organisationId", network) DO NOTHING`;
      // xmax = 0 tells a row this statement inserted from one it updated.
      const [contacts] = await tx.$queryRaw<Array<{ added: number; updated: number }>>`
        WITH saved AS (
          INSERT INTO "Contact" (id, "organisationId", name, email, role, phone, active, "updatedAt")
          SELECT gen_random_uuid(), o.id, n.name, n.email, n.role::"ContactRole", n.phone, true, now()
          FROM unnest(${columns.contactSlugs}::text[], ${columns.contactNames}::text[], ${columns.contactEmails}::text[],
                      ${columns.contactRoles}::text[], ${columns.contactPhones}::text[]) AS n(slug, name, email, role, phone)
          JOIN "Organisation" o ON o.slug = n.slug
          ON CONFLICT ("organisationId", email) DO UPDATE
            SET name = excluded.name, role = excluded.role, phone = excluded.phone, active = true, "updatedAt" = now()
          RETURNING (xmax = 0) AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted)::int AS added, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM saved`;
      const summary: ImportSummary = {
        organisationsCreated,
        organisationsUpdated,
        blocksAdded,
        contactsAdded: Number(contacts?.added ?? 0),
        contactsUpdated: Number(contacts?.updated ?? 0),
      };
      await recordAudit(tx, { actor, action: "organisations.import", data: { ...summary } });
      return summary;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
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
