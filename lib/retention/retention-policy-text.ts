import { formatNumber, type LanguageCode } from "@/lib/i18n/languages";
import type { RetentionKind, RetentionPolicy } from "./retention-policy";

interface PolicyWords {
  title: string;
  intro: string;
  kinds: Record<RetentionKind, string>;
  period: string;
  whatWeKeep: string;
  notes: string[];
  day: [string, string];
  year: [string, string];
  languageSwitch: string;
}

const WORDS: Record<LanguageCode, PolicyWords> = {
  en: {
    title: "How long we keep your data",
    intro:
      "We keep what we collect about incidents in your network only as long as we need it. Every night our retention job deletes or anonymises what is older than the periods below.",
    kinds: {
      rawUploads: "Flow files we receive (raw uploads and collector files)",
      flowEvidence: "Flow evidence of a resolved incident (log samples, flow lists, third-party logs)",
      attachments: "Files you send us (portal uploads and mail attachments)",
      mailBodies: "The text of mail between you and us",
      auditLog: "Our audit log (who did what, when)",
      resolvedIncidents: "Resolved incidents, before they are anonymised",
    },
    period: "Kept for",
    whatWeKeep:
      "An anonymised incident keeps only its figures — type, dates, port, number of flows, status — and the network (a /24 for IPv4, a /48 for IPv6) instead of the address; the evidence, mail texts and contact addresses on it are gone.",
    notes: [
      "Periods for incidents count from the day the incident was resolved or closed; nothing is deleted while an incident is open.",
      "An incident under legal hold (for example at the request of law enforcement) is kept until the hold is lifted.",
    ],
    day: ["day", "days"],
    year: ["year", "years"],
    languageSwitch: "Auf Deutsch",
  },
  de: {
    title: "Wie lange wir Ihre Daten aufbewahren",
    intro:
      "Was wir über Vorfälle in Ihrem Netz erfassen, bewahren wir nur so lange auf, wie wir es brauchen. Jede Nacht löscht oder anonymisiert unser Aufbewahrungsjob, was älter ist als die unten genannten Fristen.",
    kinds: {
      rawUploads: "Flow-Dateien, die wir erhalten (Uploads und Dateien der Kollektoren)",
      flowEvidence: "Flow-Belege eines gelösten Vorfalls (Log-Auszüge, Flow-Listen, Logs Dritter)",
      attachments: "Dateien, die Sie uns senden (Uploads im Portal und Mail-Anhänge)",
      mailBodies: "Der Text der Mails zwischen Ihnen und uns",
      auditLog: "Unser Audit-Log (wer hat wann was getan)",
      resolvedIncidents: "Gelöste Vorfälle, bevor sie anonymisiert werden",
    },
    period: "Aufbewahrt",
    whatWeKeep:
      "Von einem anonymisierten Vorfall bleiben nur seine Kennzahlen — Art, Zeitpunkte, Port, Anzahl der Flows, Status — und statt der Adresse das Netz (ein /24 bei IPv4, ein /48 bei IPv6); Belege, Mail-Texte und Kontaktadressen werden entfernt.",
    notes: [
      "Die Fristen für Vorfälle zählen ab dem Tag, an dem der Vorfall gelöst oder geschlossen wurde; solange ein Vorfall offen ist, wird nichts gelöscht.",
      "Ein Vorfall unter Rechtsaufbewahrung (legal hold, etwa auf Ersuchen einer Strafverfolgungsbehörde) bleibt erhalten, bis sie aufgehoben wird.",
    ],
    day: ["Tag", "Tage"],
    year: ["Jahr", "Jahre"],
    languageSwitch: "In English",
  },
};

/** "30 days", "5 years": whole years when the period is a multiple of 365 days. */
export function retentionPeriodText(days: number, language: LanguageCode): string {
  const words = WORDS[language];
  const [unit, count] = days % 365 === 0 ? [words.year, days / 365] : [words.day, days];
  return `${formatNumber(count, language)} ${count === 1 ? unit[0] : unit[1]}`;
}

/** The policy as institutions read it, in their language. Pure: the page passes the periods from the settings. */
export function retentionPolicyText(policy: RetentionPolicy, language: LanguageCode) {
  const words = WORDS[language];
  return {
    title: words.title,
    intro: words.intro,
    periodHeading: words.period,
    rows: (Object.keys(words.kinds) as RetentionKind[]).map((kind) => ({
      kind,
      label: words.kinds[kind],
      period: retentionPeriodText(policy[kind], language),
    })),
    whatWeKeep: words.whatWeKeep,
    notes: words.notes,
    languageSwitch: words.languageSwitch,
  };
}
