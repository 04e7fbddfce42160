import type { TContactImport, TOrgImport } from "./organisation-import";
import { ORGANISATIONS_CSV_COLUMN_NAMES, type OrganisationsCsvColumn } from "./organisations-csv-columns";

type CsvRecord = Record<OrganisationsCsvColumn, string>;

/**
 * The organisations CSV that parseOrganisationsCsv reads back to the same organisations:
 * one row per organisation holding all its blocks and its first contact, then one row per
 * further contact. CRLF line ends and a formula guard, so it opens safely in a spreadsheet.
 */
export function organisationsToCsv(organisations: readonly TOrgImport[]): string {
  const lines = [ORGANISATIONS_CSV_COLUMN_NAMES.join(",")];
  for (const organisation of organisations) {
    const [firstContact, ...moreContacts] = organisation.contacts;
    lines.push(
      toLine({
        organisation: organisation.name,
        slug: organisation.slug,
        country: organisation.country ?? "",
        notification_policy: organisation.notificationPolicy ?? "",
        blocks: organisation.blocks.join(" "),
        ...contactCells(firstContact),
      }),
    );
    for (const contact of moreContacts) {
      lines.push(toLine({ ...emptyRecord(), organisation: organisation.name, ...contactCells(contact) }));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}

function contactCells(contact: TContactImport | undefined) {
  return {
    contact_name: contact?.name ?? "",
    contact_email: contact?.email ?? "",
    contact_role: contact?.role ?? "",
    contact_phone: contact?.phone ?? "",
  };
}

function emptyRecord(): CsvRecord {
  return Object.fromEntries(ORGANISATIONS_CSV_COLUMN_NAMES.map((column) => [column, ""])) as CsvRecord;
}

function toLine(record: CsvRecord): string {
  return ORGANISATIONS_CSV_COLUMN_NAMES.map((column) => csvCell(record[column])).join(",");
}

/**
 * Quotes when needed; '=', '+', '-', '@', a tab or a carriage return at the start gets an
 * apostrophe so a spreadsheet does not run it as a formula (OWASP's CSV injection advice).
 */
export function csvCell(value: string): string {
  const guarded = /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;\t]|^\s|\s$/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
