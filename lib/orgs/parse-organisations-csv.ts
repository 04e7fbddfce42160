/**
 * The organisations CSV analysts keep in a spreadsheet and load with
 * `npm run csirt -- orgs import <csv>`: organisations, their address blocks and site contacts.
 * Columns: see ORGANISATIONS_CSV_COLUMNS. Every problem is reported with the physical line
 * of the file; the caller imports only when `errors` is empty.
 */
import { tryParseCidr, type Cidr } from "../net";
import { CsvIssues } from "./csv-issues";
import {
  readContactRole,
  readCountry,
  readEmail,
  readNotificationPolicy,
  readOrganisationName,
  readPhone,
  readSlug,
  type FieldResult,
} from "./field-values";
import { DEFAULT_CONTACT_ROLE, type TContactImport, type TOrganisationsCsvResult } from "./organisation-import";
import { OrganisationMerge, type OrganisationRow } from "./organisation-merge";
import {
  isOrganisationsCsvColumn,
  normaliseColumnName,
  ORGANISATIONS_CSV_COLUMN_NAMES,
  type OrganisationsCsvColumn,
} from "./organisations-csv-columns";
import { readCsvRows, type CsvRow } from "./read-csv-rows";

export { ORGANISATIONS_CSV_COLUMNS, type OrganisationsCsvColumnDoc } from "./organisations-csv-columns";
export { organisationsToCsv } from "./organisations-to-csv";
export * from "./organisation-import";

type ColumnPositions = Partial<Record<OrganisationsCsvColumn, number>>;

interface Header {
  line: number;
  positions: ColumnPositions;
  /** Header cells, named or not: data beyond them, or under an empty header cell, has no column. */
  width: number;
  blankHeaderCells: Set<number>;
}

const BLOCK_SEPARATORS = /[\s,;]+/;

export function parseOrganisationsCsv(text: string): TOrganisationsCsvResult {
  const issues = new CsvIssues();
  const { rows, fatal } = readCsvRows(text);
  if (fatal !== null) issues.error(fatal.line, fatal.message);

  const [headerRow, ...dataRows] = rows.filter((row) => !isBlankRow(row));
  if (headerRow === undefined) {
    if (fatal === null)
      issues.error(
        1,
        `the file is empty; its first line must name the columns, e.g. ${ORGANISATIONS_CSV_COLUMN_NAMES.join(",")}`,
      );
    return { organisations: [], errors: issues.errors, warnings: issues.warnings };
  }
  const header = readHeader(headerRow, issues);
  if (header === null) return { organisations: [], errors: issues.errors, warnings: issues.warnings };
  if (dataRows.length === 0 && fatal === null) issues.warn(header.line, "the file has a header but no organisations");

  const merge = new OrganisationMerge(issues);
  for (const row of dataRows) {
    const values = readRow(row, header, issues);
    if (values !== null) merge.add(values);
  }
  return { organisations: merge.finish(), errors: issues.errors, warnings: issues.warnings };
}

function isBlankRow(row: CsvRow): boolean {
  return row.cells.every((cell) => cell === "");
}

function readHeader(row: CsvRow, issues: CsvIssues): Header | null {
  const positions: ColumnPositions = {};
  const blankHeaderCells = new Set<number>();
  row.cells.forEach((cell, position) => {
    const name = normaliseColumnName(cell);
    if (name === "") {
      blankHeaderCells.add(position);
    } else if (!isOrganisationsCsvColumn(name)) {
      issues.warn(
        row.line,
        `column "${cell}" (column ${position + 1}) is not one of ${ORGANISATIONS_CSV_COLUMN_NAMES.join(", ")}; it is ignored`,
      );
    } else if (positions[name] !== undefined) {
      issues.error(row.line, `column "${name}" appears twice (columns ${positions[name] + 1} and ${position + 1})`);
    } else {
      positions[name] = position;
    }
  });
  if (positions.organisation === undefined) {
    issues.error(
      row.line,
      `the first line must name the columns and include "organisation", e.g. ${ORGANISATIONS_CSV_COLUMN_NAMES.join(",")}`,
    );
    return null;
  }
  return { line: row.line, positions, width: row.cells.length, blankHeaderCells };
}

/** The row's checked values, or null when it names no organisation (reported). Bad cells are reported and left out. */
function readRow(row: CsvRow, header: Header, issues: CsvIssues): OrganisationRow | null {
  const cell = (column: OrganisationsCsvColumn): string => {
    const position = header.positions[column];
    return position === undefined ? "" : (row.cells[position] ?? "").trim();
  };
  const optional = <T>(column: OrganisationsCsvColumn, read: (text: string) => FieldResult<T>): T | null => {
    const text = cell(column);
    if (text === "") return null;
    const result = read(text);
    if (result.ok) return result.value;
    issues.error(row.line, result.error);
    return null;
  };

  warnAboutCellsWithoutColumn(row, header, issues);
  const name = readOrganisationName(cell("organisation"));
  if (!name.ok) issues.error(row.line, name.error);
  const values = {
    slug: optional("slug", readSlug),
    country: optional("country", readCountry),
    notificationPolicy: optional("notification_policy", readNotificationPolicy),
    blocks: readBlocks(cell("blocks"), row.line, issues),
    contact: readContact(cell, row.line, issues),
  };
  return name.ok ? { line: row.line, name: name.value, ...values } : null;
}

function warnAboutCellsWithoutColumn(row: CsvRow, header: Header, issues: CsvIssues): void {
  row.cells.forEach((cell, position) => {
    if (cell === "") return;
    if (position >= header.width) {
      issues.warn(
        row.line,
        `"${cell}" in column ${position + 1} is beyond the last column of the header; it is ignored`,
      );
    } else if (header.blankHeaderCells.has(position)) {
      issues.warn(row.line, `"${cell}" in column ${position + 1} has no column name in the header; it is ignored`);
    }
  });
}

function readBlocks(text: string, line: number, issues: CsvIssues): Cidr[] {
  const blocks: Cidr[] = [];
  for (const token of text.split(BLOCK_SEPARATORS)) {
    if (token === "") continue;
    const parsed = tryParseCidr(token, { allowBareAddress: true });
    if (!parsed.ok) {
      issues.error(line, `blocks: ${parsed.error}`);
      continue;
    }
    if (parsed.cidr.hostBitsSet) {
      issues.warn(line, `block "${token}" has bits set after the prefix; read as ${parsed.cidr.cidr}`);
    }
    blocks.push(parsed.cidr);
  }
  return blocks;
}

function readContact(
  cell: (column: OrganisationsCsvColumn) => string,
  line: number,
  issues: CsvIssues,
): TContactImport | null {
  const nameText = cell("contact_name");
  const emailText = cell("contact_email");
  const roleText = cell("contact_role");
  const phoneText = cell("contact_phone");
  if (nameText === "" && emailText === "" && roleText === "" && phoneText === "") return null;

  const problems: string[] = [];
  const take = <T>(result: FieldResult<T>): T | null => {
    if (result.ok) return result.value;
    problems.push(result.error);
    return null;
  };
  const name = nameText.replace(/\s+/g, " ");
  if (name === "") problems.push(`contact_name is empty; a contact (${emailText || "this row's"}) needs a name`);
  else if (name.length > 200) problems.push("contact_name is longer than 200 characters");
  const email = emailText === "" ? null : take(readEmail(emailText));
  if (emailText === "")
    problems.push(`contact_email is empty; the contact ${name ? `"${name}" ` : ""}needs an e-mail address`);
  const role = roleText === "" ? DEFAULT_CONTACT_ROLE : take(readContactRole(roleText));
  const phone = phoneText === "" ? null : take(readPhone(phoneText));

  for (const problem of problems) issues.error(line, problem);
  if (problems.length > 0 || email === null || role === null) return null;
  return { name, email, role, phone };
}
