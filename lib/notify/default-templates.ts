import type { IncidentType, NotificationPurpose } from "@/lib/generated/prisma/enums";
import type { LanguageCode } from "@/lib/i18n/languages";
import { GERMAN_TEMPLATES } from "./default-templates-de";

export interface TemplateText {
  incidentType: IncidentType;
  purpose: NotificationPurpose;
  name: string;
  subject: string;
  textBody: string;
}

const FOOTER = `Please tell us what you found and what you did, using this link (it is personal
to you and expires on {{responseLinkExpires}}):
{{responseUrl}}

Keep [CSIRT #{{reference}}] in the subject if you reply by e-mail.

-- 
{{csirtName}}`;

/**
 * One mail for several incidents, for organisations that take digests (one template for every
 * incident type: each incident in it says what it is). Its variables are DIGEST_TEMPLATE_VARIABLES.
 */
export const DIGEST_TEMPLATE: TemplateText = {
  incidentType: "OTHER",
  purpose: "DIGEST",
  name: "Digest: several incidents in one mail",
  subject: "[CSIRT] {{countText}} in your network ({{organisation}})",
  textBody: `Dear {{contactName}} ({{organisation}}),

This is your digest from {{csirtName}}: {{countText}} since {{since}}.
Each one has its own link: please tell us what you found and what you did.
{{#incidents}}

== #{{reference}} {{kind}}: {{incidentType}} from {{sourceIp}}

{{summaryReadable}}

Log sample:
{{sample}}

Your link for #{{reference}}: {{responseUrl}}
{{/incidents}}

{{attachmentsNote}}

The links are personal to you and expire on {{responseLinkExpires}}. If you reply by
e-mail, write about one incident per message and put its [CSIRT #number] in the subject.

-- 
{{csirtName}}
`,
};

export const DEFAULT_TEMPLATES: TemplateText[] = [
  {
    incidentType: "SSH_SCAN",
    purpose: "FIRST_NOTICE",
    name: "SSH scan: first notice",
    subject: "[CSIRT #{{reference}}] SSH scanning from {{sourceIp}} ({{organisation}})",
    textBody: `Dear {{contactName}} ({{organisation}}),

Our flow monitoring shows a host in your network probing other networks for SSH
servers. Hosts that do this have usually been broken into themselves, and the
addresses they find are used for password-guessing attacks soon after.

{{summary}}

{{attachmentsNote}}

Log sample:
{{sample}}

{{advice}}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "UPDATE",
    name: "SSH scan: scanning again",
    subject: "[CSIRT #{{reference}}] SSH scanning from {{sourceIp}} has started again",
    textBody: `Dear {{contactName}} ({{organisation}}),

The host we told you about in incident #{{reference}} is scanning for SSH servers
again, after the incident was marked as dealt with. The host may not have been
cleaned completely, or it has been compromised a second time.

{{summary}}

Log sample:
{{sample}}

{{advice}}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "REMINDER",
    name: "SSH scan: reminder",
    subject: "[CSIRT #{{reference}}] Reminder: SSH scanning from {{sourceIp}}",
    textBody: `Dear {{contactName}} ({{organisation}}),

We have not yet heard back about incident #{{reference}}, which we sent on
{{notifiedAt}}. Please confirm that you have seen it, even if your investigation
is still going on.

{{summary}}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "RESOLVED",
    name: "SSH scan: resolved",
    subject: "[CSIRT #{{reference}}] Resolved: SSH scanning from {{sourceIp}}",
    textBody: `Dear {{contactName}} ({{organisation}}),

Thank you. Incident #{{reference}} ({{sourceIp}}) is now resolved.
If we see the same host scanning again we will reopen it and let you know.

-- 
{{csirtName}}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "CLOSED",
    name: "SSH scan: closed",
    subject: "[CSIRT #{{reference}}] Closed: {{sourceIp}} ({{organisation}})",
    textBody: `Dear {{contactName}} ({{organisation}}),

We have closed incident #{{reference}} ({{sourceIp}}). Nothing more is needed from
you. If we see the same host again we will open it again and let you know.

-- 
{{csirtName}}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "REOPENED",
    name: "SSH scan: reopened",
    subject: "[CSIRT #{{reference}}] Reopened: {{sourceIp}} ({{organisation}})",
    textBody: `Dear {{contactName}} ({{organisation}}),

We have reopened incident #{{reference}} ({{sourceIp}}): it needs your attention again.

{{summary}}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_BRUTE_FORCE_REPORT",
    purpose: "FIRST_NOTICE",
    name: "SSH password guessing reported by a third party: first notice",
    subject: "[CSIRT #{{reference}}] SSH password guessing from {{sourceIp}} ({{organisation}})",
    textBody: `Dear {{contactName}} ({{organisation}}),

Another organisation has sent us logs showing {{sourceIp}}, in your network, trying
to log in to their SSH servers with guessed passwords.

{{summary}}

{{attachmentsNote}}

{{advice}}

${FOOTER}
`,
  },
  DIGEST_TEMPLATE,
];

/** Every language's default set, seeded on start (missing ones only: an edited template is never overwritten). */
export const DEFAULT_TEMPLATE_SETS: Record<LanguageCode, TemplateText[]> = {
  en: DEFAULT_TEMPLATES,
  de: GERMAN_TEMPLATES,
};
