import { describe, expect, it } from "vitest";
import {
  ORGANISATIONS_CSV_COLUMNS,
  organisationsToCsv,
  parseOrganisationsCsv,
  ZOrganisationsCsvResultSchema,
  type TOrgImport,
} from "./parse-organisations-csv";

const HEADER =
  "organisation,slug,country,notification_policy,blocks,contact_name,contact_email,contact_role,contact_phone";

/** Lines joined with LF; line numbers in the tests are positions in this list (header = 1). */
function csv(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

function errorsOf(text: string) {
  return parseOrganisationsCsv(text).errors;
}

function warningsOf(text: string) {
  return parseOrganisationsCsv(text).warnings;
}

describe("parseOrganisationsCsv: a good file", () => {
  const text = csv(
    HEADER,
    "Example College,,nl,hold,192.0.2.0/24 2001:db8:10::/48,Security Desk,Security@Example.edu,,+31 20 555 0100",
    "Example College,,,,198.51.100.0/25;203.0.113.7,Abuse Team,abuse@example.edu,abuse,",
    'Sample University,sample-uni,BE,automatic,"198.51.100.128/25, 2001:db8:20::/48",Ann Analyst,ann@sample.example,technical,',
    "Université de Liège (ULiège),,,,198.18.0.1/32,,,,",
  );

  it("merges rows of one organisation and reads every column", () => {
    const result = parseOrganisationsCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.organisations).toEqual([
      {
        name: "Example College",
        slug: "example-college",
        country: "NL",
        notificationPolicy: "hold",
        blocks: ["192.0.2.0/24", "2001:db8:10::/48", "198.51.100.0/25", "203.0.113.7/32"],
        contacts: [
          { name: "Security Desk", email: "security@example.edu", role: "security", phone: "+31 20 555 0100" },
          { name: "Abuse Team", email: "abuse@example.edu", role: "abuse", phone: null },
        ],
      },
      {
        name: "Sample University",
        slug: "sample-uni",
        country: "BE",
        notificationPolicy: "automatic",
        blocks: ["198.51.100.128/25", "2001:db8:20::/48"],
        contacts: [{ name: "Ann Analyst", email: "ann@sample.example", role: "technical", phone: null }],
      },
      {
        name: "Université de Liège (ULiège)",
        slug: "universite-de-liege-uliege",
        country: null,
        notificationPolicy: null,
        blocks: ["198.18.0.1/32"],
        contacts: [],
      },
    ]);
    expect(() => ZOrganisationsCsvResultSchema.parse(result)).not.toThrow();
  });

  it("takes columns in any order and letter case, and only organisation is required", () => {
    const result = parseOrganisationsCsv(
      csv("Blocks,ORGANISATION,Contact E-mail,contact name", "10.0.0.0/8,Big Org,a@b.example,A"),
    );
    expect(result.errors).toEqual([]);
    expect(result.organisations).toEqual([
      {
        name: "Big Org",
        slug: "big-org",
        country: null,
        notificationPolicy: null,
        blocks: ["10.0.0.0/8"],
        contacts: [{ name: "A", email: "a@b.example", role: "security", phone: null }],
      },
    ]);
    expect(parseOrganisationsCsv(csv("organization", "Solo")).organisations.map((o) => o.slug)).toEqual(["solo"]);
  });

  it("reads a bare IPv6 address as a /128 and canonicalises IPv6 blocks", () => {
    const result = parseOrganisationsCsv(csv("organisation,blocks", "V6 Org,2001:DB8:0:0::1 2001:0db8:00ff::/48"));
    expect(result.errors).toEqual([]);
    expect(result.organisations[0]!.blocks).toEqual(["2001:db8::1/128", "2001:db8:ff::/48"]);
  });

  it("reads IPv4-mapped blocks and addresses as the IPv4 blocks they are", () => {
    const result = parseOrganisationsCsv(
      csv("organisation,blocks", "Mapped Org,::ffff:10.66.0.0/112 ::ffff:10.67.0.9"),
    );
    expect(result.errors).toEqual([]);
    expect(result.organisations[0]!.blocks).toEqual(["10.66.0.0/16", "10.67.0.9/32"]);
  });

  it("reads semicolon-separated files as saved by spreadsheets in many locales", () => {
    const result = parseOrganisationsCsv(
      csv("organisation;blocks;contact_name;contact_email", 'Org A;"192.0.2.0/24; 198.51.100.0/24";X;x@a.example'),
    );
    expect(result.errors).toEqual([]);
    expect(result.organisations[0]!.blocks).toEqual(["192.0.2.0/24", "198.51.100.0/24"]);
  });
});

describe("parseOrganisationsCsv: file shape", () => {
  it("accepts a BOM, CRLF line ends, blank lines and rows of empty cells", () => {
    const text = `\uFEFF${HEADER}\r\n\r\nOrg A,,,,192.0.2.0/24,,,,\r\n,,,,,,,,\r\n   \r\nOrg B,,,,bad-block,,,,\r\n`;
    const result = parseOrganisationsCsv(text);
    expect(result.organisations.map((o) => o.name)).toEqual(["Org A", "Org B"]);
    expect(result.errors).toEqual([{ line: 6, message: 'blocks: "bad-block" is not a valid IPv4 or IPv6 address.' }]);
  });

  it("counts physical lines through quoted cells holding newlines (LF and CRLF)", () => {
    for (const newline of ["\n", "\r\n"]) {
      const text = [
        "organisation,contact_name,contact_email,blocks",
        'Org A,"Security Desk',
        'second line of the name",desk@a.example,192.0.2.0/24',
        '"Org, B",X,x@b.example,"198.51.100.0/24,',
        "",
        '10.0.0.300/8"',
        "Org C,,,192.0.2.999",
      ].join(newline);
      const result = parseOrganisationsCsv(text);
      expect(result.organisations.map((o) => o.name)).toEqual(["Org A", "Org, B", "Org C"]);
      expect(result.organisations[0]!.contacts[0]!.name).toBe("Security Desk second line of the name");
      expect(result.errors).toEqual([
        { line: 4, message: 'blocks: "10.0.0.300" is not a valid IPv4 or IPv6 address.' },
        { line: 7, message: 'blocks: "192.0.2.999" is not a valid IPv4 or IPv6 address.' },
      ]);
    }
  });

  it("ignores empty trailing columns, warns about unknown columns and about values without a column", () => {
    const text = csv("organisation,blocks,notes,,", "Org A,192.0.2.0/24,anything,,", "Org B,198.51.100.0/24,,,stray,,");
    const result = parseOrganisationsCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { line: 1, message: expect.stringContaining('column "notes" (column 3) is not one of organisation, slug') },
      { line: 3, message: '"stray" in column 5 has no column name in the header; it is ignored' },
    ]);
  });

  it("reports an empty file, a missing organisation column and duplicate columns", () => {
    expect(errorsOf("")).toEqual([{ line: 1, message: expect.stringContaining("the file is empty") }]);
    expect(errorsOf("\uFEFF\r\n\r\n")).toEqual([{ line: 1, message: expect.stringContaining("the file is empty") }]);
    expect(errorsOf(csv("", "name,blocks", "Org,192.0.2.0/24"))).toEqual([
      { line: 2, message: expect.stringContaining('must name the columns and include "organisation"') },
    ]);
    expect(errorsOf(csv("organisation,blocks,Blocks", "Org,192.0.2.0/24,"))).toEqual([
      { line: 1, message: 'column "blocks" appears twice (columns 2 and 3)' },
    ]);
    expect(warningsOf(csv("organisation,blocks"))).toEqual([
      { line: 1, message: "the file has a header but no organisations" },
    ]);
  });

  it("stops at an unclosed quote, naming the line where the cell opens", () => {
    const result = parseOrganisationsCsv(
      csv("organisation,blocks", "Org A,192.0.2.0/24", 'Org B,"198.51.100.0/24', "Org C,10.0.0.0/8"),
    );
    expect(result.errors).toEqual([{ line: 3, message: expect.stringContaining("never closed") }]);
    expect(result.organisations.map((o) => o.name)).toEqual(["Org A"]);
  });

  it("tolerates a stray quote inside an unquoted cell", () => {
    const result = parseOrganisationsCsv(
      csv("organisation,contact_name,contact_email", 'Org A,Pat O"Brien,pat@a.example'),
    );
    expect(result.errors).toEqual([]);
    expect(result.organisations[0]!.contacts[0]!.name).toBe('Pat O"Brien');
  });
});

describe("parseOrganisationsCsv: errors, all of them, with their lines", () => {
  it("reports every bad cell of every row, not just the first", () => {
    const text = csv(
      HEADER,
      "Org A,Bad Slug!,Netherlands,auto,192.0.2.0/33 10.0.0.0/8,A,not-an-email,boss,phone?",
      "Org B,,UK,,10.0.0.0,B,b@b.example,,",
      ",,,,192.0.2.0/24,,,,",
      "Org C,,XX,,2001:db8::/129,,c@c.example,,",
      "Org D,,,,,Dee,,,4.4207946E+11",
    );
    expect(errorsOf(text)).toEqual([
      { line: 2, message: expect.stringMatching(/^slug "Bad Slug!" may hold only lower-case letters/) },
      { line: 2, message: 'country "Netherlands" is not a two-letter ISO 3166 code such as NL, BE or GB' },
      { line: 2, message: 'notification_policy "auto" is not one of automatic, hold' },
      { line: 2, message: 'blocks: "192.0.2.0/33": prefix length 33 is out of range for IPv4 (0 to 32).' },
      { line: 2, message: 'contact_email "not-an-email" is not a valid e-mail address' },
      { line: 2, message: 'contact_role "boss" is not one of security, abuse, technical, escalation' },
      { line: 2, message: expect.stringMatching(/^contact_phone "phone\?" is not a telephone number/) },
      { line: 3, message: 'country "UK" is not an ISO 3166 code; use GB' },
      { line: 4, message: "organisation is empty; repeat the organisation's name on every row" },
      { line: 5, message: 'country "XX" is not an assigned ISO 3166 country code' },
      { line: 5, message: 'blocks: "2001:db8::/129": prefix length 129 is out of range for IPv6 (0 to 128).' },
      { line: 5, message: "contact_name is empty; a contact (c@c.example) needs a name" },
      { line: 6, message: 'contact_email is empty; the contact "Dee" needs an e-mail address' },
      { line: 6, message: expect.stringContaining("turned into a number by the spreadsheet") },
    ]);
  });

  it("reports conflicting country, policy and slug between rows of one organisation", () => {
    const text = csv(
      "organisation,slug,country,notification_policy",
      "Org A,org-a,NL,hold",
      "Org A,,,",
      "Org A,org-a,NL,hold",
      "Org A,a-org,BE,automatic",
    );
    expect(errorsOf(text)).toEqual([
      { line: 5, message: 'slug "a-org" for "Org A" conflicts with "org-a" on line 2' },
      { line: 5, message: 'country "BE" for "Org A" conflicts with "NL" on line 2' },
      { line: 5, message: 'notification_policy "automatic" for "Org A" conflicts with "hold" on line 2' },
    ]);
  });

  it("reports a block given to two organisations, naming both", () => {
    const text = csv(
      "organisation,blocks",
      "Org A,192.0.2.0/24",
      "Org B,10.0.0.0/8 192.0.2.0/24",
      "Org A,192.0.2.0/24",
    );
    expect(errorsOf(text)).toEqual([
      {
        line: 3,
        message:
          'block 192.0.2.0/24 is given to both "Org A" (line 2) and "Org B"; a block belongs to one organisation',
      },
    ]);
  });

  it("treats host bits as the same block when comparing organisations", () => {
    const text = csv("organisation,blocks", "Org A,2001:db8:10::/48", "Org B,2001:db8:10::1/48");
    expect(errorsOf(text)).toEqual([
      {
        line: 3,
        message:
          'block 2001:db8:10::/48 is given to both "Org A" (line 2) and "Org B"; a block belongs to one organisation',
      },
    ]);
  });

  it("reports two organisations that end up with the same slug, and names it cannot make a slug from", () => {
    const text = csv(
      "organisation,slug",
      "Example College,",
      "Example-College!,",
      "東京大学,",
      "Other,example-college",
    );
    expect(errorsOf(text)).toEqual([
      {
        line: 3,
        message:
          'slug "example-college" of "Example-College!" is already used by "Example College" (line 2); give one of them another slug',
      },
      { line: 4, message: 'no slug can be made from the name "東京大学"; fill in the slug column' },
      {
        line: 5,
        message:
          'slug "example-college" of "Other" is already used by "Example College" (line 2); give one of them another slug',
      },
    ]);
  });
});

describe("parseOrganisationsCsv: warnings", () => {
  it("normalises host bits and says so", () => {
    const result = parseOrganisationsCsv(
      csv("organisation,blocks", "Org A,192.0.2.77/24", "Org B,2001:db8:10:1::99/48"),
    );
    expect(result.errors).toEqual([]);
    expect(result.organisations.map((o) => o.blocks)).toEqual([["192.0.2.0/24"], ["2001:db8:10::/48"]]);
    expect(result.warnings).toEqual([
      { line: 2, message: 'block "192.0.2.77/24" has bits set after the prefix; read as 192.0.2.0/24' },
      { line: 3, message: 'block "2001:db8:10:1::99/48" has bits set after the prefix; read as 2001:db8:10::/48' },
    ]);
  });

  it("keeps the first of a contact e-mail repeated within one organisation", () => {
    const text = csv(
      "organisation,contact_name,contact_email,contact_role",
      "Org A,First,desk@a.example,security",
      "Org B,Other org,desk@a.example,security",
      "Org A,Second,DESK@a.example,abuse",
    );
    const result = parseOrganisationsCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.organisations[0]!.contacts).toEqual([
      { name: "First", email: "desk@a.example", role: "security", phone: null },
    ]);
    expect(result.organisations[1]!.contacts).toHaveLength(1);
    expect(result.warnings).toEqual([
      {
        line: 4,
        message:
          'contact desk@a.example of "Org A" is already listed on line 2; the first is kept and this one ignored',
      },
    ]);
  });

  it("warns about blocks of one organisation inside another's, naming both (IPv4 and IPv6)", () => {
    const text = csv(
      "organisation,blocks",
      "Backbone,10.0.0.0/8 2001:db8::/32",
      "Campus,10.20.0.0/16",
      "Lab,10.20.30.0/24 2001:db8:10::/48",
      "Backbone,10.99.0.0/16",
    );
    const result = parseOrganisationsCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      {
        line: 3,
        message:
          'block 10.20.0.0/16 of "Campus" lies inside 10.0.0.0/8 of "Backbone" (lines 3 and 2); its addresses count as "Campus" (the longer prefix wins)',
      },
      {
        line: 4,
        message:
          'block 10.20.30.0/24 of "Lab" lies inside 10.0.0.0/8 of "Backbone" (lines 4 and 2); its addresses count as "Lab" (the longer prefix wins)',
      },
      {
        line: 4,
        message:
          'block 10.20.30.0/24 of "Lab" lies inside 10.20.0.0/16 of "Campus" (lines 4 and 3); its addresses count as "Lab" (the longer prefix wins)',
      },
      {
        line: 4,
        message:
          'block 2001:db8:10::/48 of "Lab" lies inside 2001:db8::/32 of "Backbone" (lines 4 and 2); its addresses count as "Lab" (the longer prefix wins)',
      },
    ]);
  });

  it("does not warn about nested blocks of the same organisation", () => {
    expect(warningsOf(csv("organisation,blocks", "Org A,10.0.0.0/8 10.1.0.0/16"))).toEqual([]);
  });

  it("merges names that differ only in letter case or spacing, keeping the first spelling", () => {
    const result = parseOrganisationsCsv(
      csv("organisation,blocks", "Example College,192.0.2.0/24", "example  COLLEGE,198.51.100.0/24"),
    );
    expect(result.organisations).toHaveLength(1);
    expect(result.organisations[0]!.blocks).toEqual(["192.0.2.0/24", "198.51.100.0/24"]);
    expect(result.warnings).toEqual([
      {
        line: 3,
        message:
          '"example COLLEGE" is taken to be "Example College" (line 2), spelt differently; the first spelling is kept',
      },
    ]);
  });
});

describe("organisationsToCsv", () => {
  const organisations: TOrgImport[] = [
    {
      name: 'Example "Big", College',
      slug: "example-college",
      country: "NL",
      notificationPolicy: "hold",
      blocks: ["192.0.2.0/24", "2001:db8:10::/48", "198.51.100.7/32"],
      contacts: [
        { name: "Security\nDesk", email: "sec@example.edu", role: "security", phone: "+31 20 555 0100" },
        { name: '=HYPERLINK("x")', email: "abuse@example.edu", role: "abuse", phone: null },
        { name: "'@someone", email: "tech@example.edu", role: "technical", phone: null },
        { name: "-dash", email: "dash@example.edu", role: "escalation", phone: "(0)20 555 0100 ext 12" },
      ],
    },
    { name: "Bare Org", slug: "bare", country: null, notificationPolicy: null, blocks: [], contacts: [] },
  ];

  it("round-trips through the parser", () => {
    const result = parseOrganisationsCsv(organisationsToCsv(organisations));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.organisations).toEqual([
      {
        ...organisations[0],
        contacts: organisations[0]!.contacts.map((c, i) => (i === 0 ? { ...c, name: "Security Desk" } : c)),
      },
      organisations[1],
    ]);
  });

  it("round-trips a parsed file exactly", () => {
    const first = parseOrganisationsCsv(
      csv(
        HEADER,
        "Org A,,be,automatic,10.0.0.0/8,A,a@a.example,escalation,+32 2 555 01 00",
        "Org A,,,,2001:db8::1,B,b@a.example,,",
      ),
    );
    expect(parseOrganisationsCsv(organisationsToCsv(first.organisations)).organisations).toEqual(first.organisations);
  });

  it("guards cells a spreadsheet would run as formulas and quotes what needs it", () => {
    const text = organisationsToCsv(organisations);
    expect(text.split("\r\n")[0]).toBe(HEADER);
    expect(text).toContain(`"Example ""Big"", College"`);
    expect(text).toContain(`'+31 20 555 0100`);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain(`''@someone`);
    expect(text).toContain(`,'-dash,`);
    expect(text.endsWith("\r\n")).toBe(true);
  });
});

describe("ORGANISATIONS_CSV_COLUMNS", () => {
  it("documents every column the parser reads, with examples the parser accepts", () => {
    expect(ORGANISATIONS_CSV_COLUMNS.map((c) => c.column)).toEqual(HEADER.split(","));
    expect(ORGANISATIONS_CSV_COLUMNS.filter((c) => c.required).map((c) => c.column)).toEqual(["organisation"]);
    const exampleRow = ORGANISATIONS_CSV_COLUMNS.map((c) => `"${c.example}"`).join(",");
    const result = parseOrganisationsCsv(csv(HEADER, exampleRow));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});
