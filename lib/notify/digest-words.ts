import type { NotificationPurpose } from "@/lib/generated/prisma/enums";
import { formatNumber, type LanguageCode } from "@/lib/i18n/languages";

/** The words a digest carries outside its template, per language (the template's own text is in the database). */
interface DigestWords {
  kind: Partial<Record<NotificationPurpose, string>> & { startedAgain: string; updated: string };
  countText: (count: number) => string;
  noSample: string;
  noFlows: string;
  flowsZipped: (file: string, flows: number, unzipped: string) => string;
  flowsPlain: (file: string, flows: number) => string;
  thirdPartyLog: (file: string) => string;
  reports: (count: number) => string;
}

const plural = (count: number, one: string, many: string, language: LanguageCode) =>
  `${formatNumber(count, language)} ${count === 1 ? one : many}`;

export const DIGEST_WORDS: Record<LanguageCode, DigestWords> = {
  en: {
    kind: {
      FIRST_NOTICE: "New",
      UPDATE: "Updated",
      REMINDER: "Reminder",
      startedAgain: "Started again",
      updated: "Updated",
    },
    countText: (count) => plural(count, "incident", "incidents", "en"),
    noSample: "(no flow sample)",
    noFlows: "No flows are attached (the incidents in this digest come from reports, not our flow monitoring).",
    flowsZipped: (file, flows, unzipped) =>
      `- ${file}: ${plural(flows, "flow", "flows", "en")} of every incident above (${unzipped} unzipped), the incident number in the first column`,
    flowsPlain: (file, flows) =>
      `- ${file}: ${plural(flows, "flow", "flows", "en")} of every incident above, the incident number in the first column`,
    thirdPartyLog: (file) => `- ${file}: a third party's log`,
    reports: (count) =>
      `- ${plural(count, "machine-readable report", "machine-readable reports", "en")} (X-ARF / IODEF), one per incident`,
  },
  de: {
    kind: {
      FIRST_NOTICE: "Neu",
      UPDATE: "Aktualisiert",
      REMINDER: "Erinnerung",
      startedAgain: "Erneut aufgetreten",
      updated: "Aktualisiert",
    },
    countText: (count) => plural(count, "Vorfall", "Vorfälle", "de"),
    noSample: "(kein Flow-Auszug)",
    noFlows:
      "Es sind keine Flow-Daten angehängt (die Vorfälle in dieser Sammelmeldung stammen aus Meldungen Dritter, nicht aus unserem Flow-Monitoring).",
    flowsZipped: (file, flows, unzipped) =>
      `- ${file}: ${plural(flows, "Flow", "Flows", "de")} aller oben genannten Vorfälle (entpackt ${unzipped}), die Vorfallsnummer in der ersten Spalte`,
    flowsPlain: (file, flows) =>
      `- ${file}: ${plural(flows, "Flow", "Flows", "de")} aller oben genannten Vorfälle, die Vorfallsnummer in der ersten Spalte`,
    thirdPartyLog: (file) => `- ${file}: Protokoll eines Dritten`,
    reports: (count) =>
      `- ${plural(count, "maschinenlesbarer Bericht", "maschinenlesbare Berichte", "de")} (X-ARF / IODEF), einer je Vorfall`,
  },
};
