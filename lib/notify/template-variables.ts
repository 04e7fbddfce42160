/** Every variable a notification template may use, with what it holds. Anything else is refused on save. */
export const TEMPLATE_VARIABLES = [
  { name: "reference", description: "The incident number people quote (1234)" },
  { name: "organisation", description: "The member organisation's name" },
  { name: "contactName", description: "The recipient's name" },
  { name: "incidentType", description: "SSH scan, or SSH password guessing reported by a third party" },
  { name: "sourceIp", description: "The address in the member's network" },
  { name: "port", description: "Destination port (22)" },
  { name: "protocol", description: "tcp" },
  { name: "flows", description: "Flows (or login attempts) counted so far, written for the language (18,321; 18.321)" },
  { name: "distinctTargets", description: "Distinct destinations contacted, written for the language" },
  { name: "firstSeen", description: "First activity, ISO-8601 UTC" },
  { name: "lastSeen", description: "Latest activity, ISO-8601 UTC" },
  {
    name: "summary",
    description:
      'The summary sentence with ISO 8601 times, as the seed shows it ("An IP at … was scanning for port 22/tcp …"), in the template\'s language, wrapped like the rest of the mail',
  },
  {
    name: "summaryReadable",
    description:
      'The same sentence with its times as people read them, in the organisation\'s time zone and the template\'s language ("between 02:02 and 02:12 UTC on 9 January 2027"; "zwischen 03:02 und 03:12 MEZ am 9. Januar 2027"), wrapped',
  },
  {
    name: "period",
    description:
      "When it happened, as people read it, in the organisation's time zone and the template's language (\"between 02:02 and 02:12 UTC on 9 January 2027\")",
  },
  { name: "sample", description: "The log sample: first and last flows with the legend" },
  { name: "attachmentsNote", description: "What is attached, including how many flows the CSV holds" },
  {
    name: "advice",
    description: "What the institution should do, for this kind of incident, in the template's language",
  },
  { name: "responseUrl", description: "The recipient's personal link to respond online" },
  {
    name: "responseLinkExpires",
    description:
      "When that link stops working (\"16 January 2027\"), in the organisation's time zone and the template's language",
  },
  { name: "notifiedAt", description: 'When the first notice was sent, for reminders ("9 January 2027, 02:14 UTC")' },
  { name: "csirtName", description: "Our team's name as it signs messages" },
] as const;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number]["name"];
export type TemplateView = Record<TemplateVariable, string>;

export const TEMPLATE_VARIABLE_NAMES: ReadonlySet<string> = new Set(
  TEMPLATE_VARIABLES.map((variable) => variable.name),
);

/** The digest template's variables; those of one incident are used inside {{#incidents}} … {{/incidents}}. */
export const DIGEST_TEMPLATE_VARIABLES = [
  { name: "organisation", description: "The member organisation's name" },
  { name: "contactName", description: "The recipient's name" },
  { name: "countText", description: 'How many incidents the digest lists ("3 incidents")' },
  { name: "since", description: 'The earliest notice it gathers ("9 January 2027, 02:14 CET")' },
  {
    name: "incidents",
    description: "The list of incidents: write {{#incidents}} … {{/incidents}} around the part repeated for each",
  },
  { name: "reference", description: "In the list: the incident number people quote (1234)" },
  { name: "kind", description: "In the list: New, Updated, Started again or Reminder" },
  { name: "incidentType", description: "In the list: SSH scan, or SSH password guessing reported by a third party" },
  { name: "sourceIp", description: "In the list: the address in the member's network" },
  { name: "summaryReadable", description: "In the list: the summary sentence with readable times, wrapped" },
  { name: "period", description: "In the list: when it happened, as people read it" },
  { name: "sample", description: "In the list: the log sample, first and last flows with the legend" },
  { name: "responseUrl", description: "In the list: the recipient's personal link for this incident" },
  { name: "attachmentsNote", description: "What is attached: the one flows file for every incident, and the reports" },
  { name: "responseLinkExpires", description: 'When the links stop working ("16 January 2027")' },
  { name: "csirtName", description: "Our team's name as it signs messages" },
] as const;

export const DIGEST_TEMPLATE_VARIABLE_NAMES: ReadonlySet<string> = new Set(
  DIGEST_TEMPLATE_VARIABLES.map((variable) => variable.name),
);

export interface DigestIncidentView {
  reference: string;
  kind: string;
  incidentType: string;
  sourceIp: string;
  summaryReadable: string;
  period: string;
  sample: string;
  responseUrl: string;
}

export interface DigestView {
  organisation: string;
  contactName: string;
  countText: string;
  since: string;
  incidents: DigestIncidentView[];
  attachmentsNote: string;
  responseLinkExpires: string;
  csirtName: string;
}
