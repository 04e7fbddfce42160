/** The columns of the organisations CSV, for the parser, the writer, the README and the UI. */

export const ORGANISATIONS_CSV_COLUMN_NAMES = [
  "organisation",
  "slug",
  "country",
  "notification_policy",
  "blocks",
  "contact_name",
  "contact_email",
  "contact_role",
  "contact_phone",
] as const;

export type OrganisationsCsvColumn = (typeof ORGANISATIONS_CSV_COLUMN_NAMES)[number];

export interface OrganisationsCsvColumnDoc {
  column: OrganisationsCsvColumn;
  required: boolean;
  meaning: string;
  example: string;
}

export const ORGANISATIONS_CSV_COLUMNS: readonly OrganisationsCsvColumnDoc[] = [
  {
    column: "organisation",
    required: true,
    meaning:
      "The organisation's name. Several rows may name the same organisation (letter case aside): " +
      "their blocks are united and each row may add one contact. Repeat the name on every row.",
    example: "Example College",
  },
  {
    column: "slug",
    required: false,
    meaning: "Short name used in addresses: lower-case letters, digits and hyphens. Derived from the name when empty.",
    example: "example-college",
  },
  {
    column: "country",
    required: false,
    meaning: "ISO 3166-1 alpha-2 country code.",
    example: "NL",
  },
  {
    column: "notification_policy",
    required: false,
    meaning:
      "automatic: notices go out at once; hold: an analyst approves each notice. New organisations default to automatic.",
    example: "hold",
  },
  {
    column: "blocks",
    required: false,
    meaning:
      "Address blocks in CIDR notation, separated by spaces, commas or semicolons. A bare address is one host (/32 or /128).",
    example: "192.0.2.0/24 2001:db8:10::/48",
  },
  {
    column: "contact_name",
    required: false,
    meaning: "Name of a site contact; needed when the row has a contact e-mail.",
    example: "Security desk",
  },
  {
    column: "contact_email",
    required: false,
    meaning: "E-mail address of that contact; needed when the row has a contact name. Stored in lower case.",
    example: "security@example.edu",
  },
  {
    column: "contact_role",
    required: false,
    meaning: "security, abuse, technical or escalation (default security).",
    example: "abuse",
  },
  {
    column: "contact_phone",
    required: false,
    meaning: "Telephone number of that contact, international format preferred.",
    example: "+31 20 555 0100",
  },
];

/** "Contact E-mail", "contact-email" and " CONTACT_EMAIL " all name contact_email; "organization" is organisation. */
export function normaliseColumnName(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace(/e_mail/g, "email")
    .replace(/^organization$/, "organisation");
}

export function isOrganisationsCsvColumn(name: string): name is OrganisationsCsvColumn {
  return (ORGANISATIONS_CSV_COLUMN_NAMES as readonly string[]).includes(name);
}

/** The browser's import goes through a server action (1 MB at most); larger files: `npm run csirt -- orgs import`. */
export const MAX_ORGANISATIONS_CSV_BYTES = 900 * 1024;
export const organisationsCsvTooLarge =
  "The file is larger than 900 KB: import it with npm run csirt -- orgs import, or split it.";
