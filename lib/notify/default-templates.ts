import type { IncidentType, NotificationPurpose } from "@/lib/generated/prisma/enums";

export interface TemplateText {
  incidentType: IncidentType;
  purpose: NotificationPurpose;
  name: string;
  subject: string;
  textBody: string;
}

/** What an institution should do about a host of theirs that scans for or guesses SSH logins. */
export const SSH_RESPONSE_ADVICE = `What we ask you to do
1. Stop the traffic: block outbound SSH (22/tcp) from {{sourceIp}} at your border
   until the host is cleaned.
2. Find the machine. If {{sourceIp}} is a NAT gateway, proxy or VPN concentrator, use
   its translation or session logs for the times above to find the inside host.
3. On that machine, find the process sending the connections, the account it runs
   as, and the program file it was started from. They show how far the intruder got.
4. Work out how it got in. Most often a guessable password on an account reachable
   over SSH was found by exactly this kind of scan from somewhere else. If the
   intruder gained root, do not trust the machine's own logs; use network records.
5. Check the passwords of every account on the host with a password auditing tool,
   and replace weak or shared ones.
6. Fix the cause (missing patch, password policy, exposed service) and check other
   systems built the same way for the same weakness.`;

const FOOTER = `Please tell us what you found and what you did, using this link (it is personal
to you and expires on {{responseLinkExpires}}):
{{responseUrl}}

Keep [CSIRT #{{reference}}] in the subject if you reply by e-mail.

-- 
{{csirtName}}`;

export const DEFAULT_TEMPLATES: TemplateText[] = [
  {
    incidentType: "SSH_SCAN",
    purpose: "FIRST_NOTICE",
    name: "SSH scan: first notice",
    subject: "[CSIRT #{{reference}}] SSH scanning from {{sourceIp}} ({{organisation}})",
    textBody: `Dear colleagues at {{organisation}},

Our flow monitoring shows a host in your network probing other networks for SSH
servers. Hosts that do this have usually been broken into themselves, and the
addresses they find are used for password-guessing attacks soon after.

{{summary}}

Attached: the log sample below as a text file, and the host's flows as CSV.

Log sample:
{{sample}}

${SSH_RESPONSE_ADVICE}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "UPDATE",
    name: "SSH scan: scanning again",
    subject: "[CSIRT #{{reference}}] SSH scanning from {{sourceIp}} has started again",
    textBody: `Dear colleagues at {{organisation}},

The host we told you about in incident #{{reference}} is scanning for SSH servers
again, after the incident was marked as dealt with. The host may not have been
cleaned completely, or it has been compromised a second time.

{{summary}}

Log sample:
{{sample}}

${SSH_RESPONSE_ADVICE}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "REMINDER",
    name: "SSH scan: reminder",
    subject: "[CSIRT #{{reference}}] Reminder: SSH scanning from {{sourceIp}}",
    textBody: `Dear colleagues at {{organisation}},

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
    textBody: `Dear colleagues at {{organisation}},

Thank you. Incident #{{reference}} ({{sourceIp}}) is now resolved.
If we see the same host scanning again we will reopen it and let you know.

-- 
{{csirtName}}
`,
  },
  {
    incidentType: "SSH_BRUTE_FORCE_REPORT",
    purpose: "FIRST_NOTICE",
    name: "SSH password guessing reported by a third party: first notice",
    subject: "[CSIRT #{{reference}}] SSH password guessing from {{sourceIp}} ({{organisation}})",
    textBody: `Dear colleagues at {{organisation}},

Another organisation has sent us logs showing {{sourceIp}}, in your network, trying
to log in to their SSH servers with guessed passwords. The logs are attached.

{{summary}}

${SSH_RESPONSE_ADVICE}

${FOOTER}
`,
  },
];
