import type { IncidentType } from "@/lib/generated/prisma/enums";
import { formatNumber, type LanguageCode, languageOr } from "@/lib/i18n/languages";
import { readableSummary } from "@/lib/incidents/readable-summary";
import { readablePeriod } from "@/lib/time/readable-time";

/**
 * The words a notice carries outside its template (variables, the attachments note, the wrapper
 * around an analyst's own message), per language. A template's own text is in the database.
 */
interface NoticeWords {
  incidentType: Record<IncidentType, string>;
  nothingAttached: string;
  /** Said where TLP:RED evidence would have been: it is not sent by mail. */
  redWithheld: string;
  attachedHeading: string;
  sampleFile: string;
  flowsTruncated: (kept: string, flows: string) => string;
  flowsAll: (flows: string) => string;
  noSample: string;
  notYetSent: string;
  /** The greeting's name when the contact has none. */
  colleagues: string;
  greeting: (name: string) => string;
  aboutIncident: (reference: string) => string;
  replyLine: (tag: string, url: string) => string;
  /** "between <first> and <last>", for the two ISO 8601 times of the seed-style summary. */
  betweenIso: (first: string, last: string) => string;
  /** The incident's summary sentence; `period` writes its two times (ISO 8601 or readable). */
  summary: (stored: string, period: (first: Date, last: Date) => string) => string;
}

const ISO = String.raw`(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))`;
const SCAN_SENTENCE = new RegExp(
  String.raw`^An IP at (.+), (\S+) was scanning for port (\d+)/(\w+) sending at least (\d+) flows between ${ISO} and ${ISO}\.$`,
);
const REPORT_SENTENCE = new RegExp(
  String.raw`^An IP at (.+), (\S+) was reported by (.+) for (\d+) failed SSH login attempts between ${ISO} and ${ISO}\.$`,
);

export const NOTICE_WORDS: Record<LanguageCode, NoticeWords> = {
  en: {
    incidentType: {
      SSH_SCAN: "SSH scan",
      SSH_BRUTE_FORCE_REPORT: "SSH password guessing reported by a third party",
      OTHER: "Incident",
    },
    nothingAttached: "Nothing is attached to this message.",
    redWithheld:
      "The evidence is marked TLP:RED and is not sent by e-mail: read it on the page the response link opens.",
    attachedHeading: "Attached:",
    sampleFile: "the log sample, with its legend",
    flowsTruncated: (kept, flows) => `the first ${kept} of ${flows} flows (the file is capped at that size)`,
    flowsAll: (flows) => `all ${flows} flows`,
    noSample: "(no flow sample: see the attached log)",
    notYetSent: "(not yet sent)",
    colleagues: "colleagues",
    greeting: (name) => `Dear ${name},`,
    aboutIncident: (reference) => `About incident #${reference}`,
    betweenIso: (first, last) => `between ${first} and ${last}`,
    replyLine: (tag, url) => `Reply to this message, keeping ${tag} in the subject, or use your link: ${url}`,
    summary: (stored, period) =>
      stored.replace(
        new RegExp(`between ${ISO} and ${ISO}`),
        (whole, first: string, last: string) => validPeriod(first, last, period) ?? whole,
      ),
  },
  de: {
    incidentType: {
      SSH_SCAN: "SSH-Scan",
      SSH_BRUTE_FORCE_REPORT: "SSH-Passwort-Rateangriff (von Dritten gemeldet)",
      OTHER: "Sicherheitsvorfall",
    },
    nothingAttached: "Dieser Nachricht ist nichts angehängt.",
    redWithheld:
      "Die Belege sind als TLP:RED eingestuft und werden nicht per E-Mail verschickt: Sie finden sie auf der Seite, die der Antwort-Link öffnet.",
    attachedHeading: "Anhänge:",
    sampleFile: "Auszug aus den Flow-Daten, mit Legende",
    flowsTruncated: (kept, flows) => `die ersten ${kept} von ${flows} Flows (die Datei ist auf diese Größe begrenzt)`,
    flowsAll: (flows) => `alle ${flows} Flows`,
    noSample: "(kein Flow-Auszug: siehe angehängtes Protokoll)",
    notYetSent: "(noch nicht versendet)",
    colleagues: "Kolleginnen und Kollegen",
    greeting: (name) => `Guten Tag ${name},`,
    aboutIncident: (reference) => `Zu Vorfall #${reference}`,
    betweenIso: (first, last) => `zwischen ${first} und ${last}`,
    replyLine: (tag, url) =>
      `Bitte antworten Sie auf diese Nachricht und behalten Sie dabei ${tag} im Betreff bei, oder nutzen Sie Ihren persönlichen Link: ${url}`,
    summary: (stored, period) => {
      const scan = SCAN_SENTENCE.exec(stored);
      if (scan) {
        const [, organisation, ip, port, protocol, flows, first, last] = scan as unknown as string[];
        const when = validPeriod(first!, last!, period);
        if (when)
          return `Die IP-Adresse ${ip} (${organisation}) hat ${when} nach Diensten auf Port ${port}/${protocol} gescannt und dabei mindestens ${formatNumber(Number(flows), "de")} Flows erzeugt.`;
      }
      const report = REPORT_SENTENCE.exec(stored);
      if (report) {
        const [, organisation, ip, reporter, attempts, first, last] = report as unknown as string[];
        const when = validPeriod(first!, last!, period);
        if (when)
          return `Die IP-Adresse ${ip} (${organisation}) wurde uns von ${reporter} gemeldet: ${formatNumber(Number(attempts), "de")} fehlgeschlagene SSH-Anmeldeversuche ${when}.`;
      }
      // A sentence we do not know how to translate keeps its facts, in English.
      return NOTICE_WORDS.en.summary(stored, period);
    },
  },
};

function validPeriod(first: string, last: string, period: (first: Date, last: Date) => string): string | null {
  const [from, to] = [new Date(first), new Date(last)];
  return Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) ? null : period(from, to);
}

export function noticeWords(language: string): NoticeWords {
  return NOTICE_WORDS[languageOr(language)];
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** The summary sentence with ISO 8601 times (the seed's form), in the language. English is the stored sentence itself. */
export function summaryIn(stored: string, language: string): string {
  const code = languageOr(language);
  if (code === "en") return stored;
  const words = NOTICE_WORDS[code];
  return words.summary(stored, (first, last) => words.betweenIso(isoSeconds(first), isoSeconds(last)));
}

/** The summary sentence with its times as people read them, in the language and time zone. */
export function readableSummaryIn(stored: string, language: string, timeZone?: string): string {
  const code = languageOr(language);
  if (code === "en") return readableSummary(stored, timeZone);
  return NOTICE_WORDS[code].summary(stored, (first, last) => readablePeriod(first, last, timeZone, code));
}
