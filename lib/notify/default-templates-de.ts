import type { TemplateText } from "./default-templates";

/** German defaults: the same notices as the English set, written as a German CSIRT writes them (formal "Sie"). */
const FOOTER = `Bitte teilen Sie uns über den folgenden Link mit, was Sie festgestellt und
unternommen haben (der Link ist persönlich und gilt bis zum {{responseLinkExpires}}):
{{responseUrl}}

Wenn Sie per E-Mail antworten, lassen Sie bitte [CSIRT #{{reference}}] im Betreff stehen.

Mit freundlichen Grüßen

-- 
{{csirtName}}`;

const SIGNATURE = `Mit freundlichen Grüßen

-- 
{{csirtName}}`;

export const GERMAN_TEMPLATES: TemplateText[] = [
  {
    incidentType: "SSH_SCAN",
    purpose: "FIRST_NOTICE",
    name: "SSH-Scan: Erstmeldung",
    subject: "[CSIRT #{{reference}}] SSH-Scans von {{sourceIp}} ({{organisation}})",
    textBody: `Guten Tag {{contactName}} ({{organisation}}),

unser Flow-Monitoring zeigt, dass ein System in Ihrem Netz andere Netze nach
SSH-Servern absucht. Systeme, die so etwas tun, sind in aller Regel selbst
kompromittiert; die dabei gefundenen Adressen werden kurz darauf für
Passwort-Rateangriffe genutzt.

{{summaryReadable}}

{{attachmentsNote}}

Auszug aus den Flow-Daten:
{{sample}}

{{advice}}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "UPDATE",
    name: "SSH-Scan: erneute Scans",
    subject: "[CSIRT #{{reference}}] Erneute SSH-Scans von {{sourceIp}}",
    textBody: `Guten Tag {{contactName}} ({{organisation}}),

das System, zu dem wir Sie in Vorfall #{{reference}} informiert haben, sucht
erneut nach SSH-Servern, obwohl der Vorfall als erledigt gekennzeichnet war.
Möglicherweise wurde das System nicht vollständig bereinigt, oder es wurde ein
zweites Mal kompromittiert.

{{summaryReadable}}

Auszug aus den Flow-Daten:
{{sample}}

{{advice}}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "REMINDER",
    name: "SSH-Scan: Erinnerung",
    subject: "[CSIRT #{{reference}}] Erinnerung: SSH-Scans von {{sourceIp}}",
    textBody: `Guten Tag {{contactName}} ({{organisation}}),

zu Vorfall #{{reference}}, den wir Ihnen am {{notifiedAt}} gemeldet haben,
liegt uns noch keine Rückmeldung vor. Bitte bestätigen Sie uns kurz den Eingang
der Meldung, auch wenn Ihre Untersuchung noch andauert.

{{summaryReadable}}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "RESOLVED",
    name: "SSH-Scan: behoben",
    subject: "[CSIRT #{{reference}}] Behoben: SSH-Scans von {{sourceIp}}",
    textBody: `Guten Tag {{contactName}} ({{organisation}}),

vielen Dank. Vorfall #{{reference}} ({{sourceIp}}) gilt nun als behoben.
Sollten wir erneut Scans von diesem System feststellen, öffnen wir den Vorfall
wieder und informieren Sie.

${SIGNATURE}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "CLOSED",
    name: "SSH-Scan: geschlossen",
    subject: "[CSIRT #{{reference}}] Geschlossen: {{sourceIp}} ({{organisation}})",
    textBody: `Guten Tag {{contactName}} ({{organisation}}),

wir haben Vorfall #{{reference}} ({{sourceIp}}) geschlossen. Von Ihrer Seite ist
nichts weiter zu tun. Sollten wir dasselbe System erneut beobachten, öffnen wir
den Vorfall wieder und informieren Sie.

${SIGNATURE}
`,
  },
  {
    incidentType: "SSH_SCAN",
    purpose: "REOPENED",
    name: "SSH-Scan: wiedereröffnet",
    subject: "[CSIRT #{{reference}}] Wiedereröffnet: {{sourceIp}} ({{organisation}})",
    textBody: `Guten Tag {{contactName}} ({{organisation}}),

wir haben Vorfall #{{reference}} ({{sourceIp}}) wieder geöffnet: Er erfordert
erneut Ihre Aufmerksamkeit.

{{summaryReadable}}

${FOOTER}
`,
  },
  {
    incidentType: "SSH_BRUTE_FORCE_REPORT",
    purpose: "FIRST_NOTICE",
    name: "SSH-Passwort-Rateangriffe (Meldung Dritter): Erstmeldung",
    subject: "[CSIRT #{{reference}}] SSH-Passwort-Rateangriffe von {{sourceIp}} ({{organisation}})",
    textBody: `Guten Tag {{contactName}} ({{organisation}}),

eine andere Einrichtung hat uns Protokolle übermittelt, aus denen hervorgeht,
dass {{sourceIp}} in Ihrem Netz versucht, sich mit erratenen Passwörtern an
deren SSH-Servern anzumelden.

{{summaryReadable}}

{{attachmentsNote}}

{{advice}}

${FOOTER}
`,
  },
  {
    incidentType: "OTHER",
    purpose: "DIGEST",
    name: "Sammelmeldung: mehrere Vorfälle in einer E-Mail",
    subject: "[CSIRT] {{countText}} in Ihrem Netz ({{organisation}})",
    textBody: `Guten Tag {{contactName}} ({{organisation}}),

dies ist Ihre Sammelmeldung von {{csirtName}}: {{countText}} seit {{since}}.
Zu jedem Vorfall gibt es einen eigenen Link: Bitte teilen Sie uns darüber mit,
was Sie festgestellt und unternommen haben.
{{#incidents}}

== #{{reference}} {{kind}}: {{incidentType}} von {{sourceIp}}

{{summaryReadable}}

Auszug aus den Flow-Daten:
{{sample}}

Ihr Link zu #{{reference}}: {{responseUrl}}
{{/incidents}}

{{attachmentsNote}}

Die Links sind persönlich und gelten bis zum {{responseLinkExpires}}. Wenn Sie
per E-Mail antworten, schreiben Sie bitte je Vorfall eine eigene Nachricht und
setzen Sie dessen [CSIRT #Nummer] in den Betreff.

Mit freundlichen Grüßen

-- 
{{csirtName}}
`,
  },
];
