/**
 * Traffic Light Protocol 2.0 (FIRST, https://www.first.org/tlp/): the five labels, their order
 * from the least to the most restrictive, and what each allows this platform to do with an
 * incident or a file. Pure: the pages, notices, API and exports all ask here. The rules are
 * explained in docs/decisions/0008-tlp.md.
 */
import { z } from "zod";
import type { IncidentType, Tlp } from "@/lib/generated/prisma/enums";
import type { LanguageCode } from "@/lib/i18n/languages";

export const TLP_LEVELS = ["CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED"] as const satisfies readonly Tlp[];

export const ZTlpSchema = z.enum(TLP_LEVELS);

/** The label as FIRST writes it: "TLP:AMBER+STRICT". */
export function tlpLabel(tlp: Tlp): string {
  return `TLP:${tlp === "AMBER_STRICT" ? "AMBER+STRICT" : tlp}`;
}

/** The tag MISP and the FIRST taxonomy use: "tlp:amber+strict". */
export function tlpTag(tlp: Tlp): string {
  return tlpLabel(tlp).toLowerCase();
}

/** Reads "TLP:AMBER+STRICT", "amber+strict" or "AMBER_STRICT". */
export function parseTlp(text: string): Tlp | null {
  const key = text.trim().toUpperCase().replace(/^TLP:/, "").replace("+", "_");
  return (TLP_LEVELS as readonly string[]).includes(key) ? (key as Tlp) : null;
}

export function tlpRank(tlp: Tlp): number {
  return TLP_LEVELS.indexOf(tlp);
}

/** The more restrictive of two markings. */
export function stricterTlp(a: Tlp, b: Tlp): Tlp {
  return tlpRank(a) >= tlpRank(b) ? a : b;
}

/** A file's marking: its own when set (only ever stricter), else the incident's. */
export function effectiveTlp(incident: Tlp, evidence: Tlp | null | undefined): Tlp {
  return evidence ? stricterTlp(incident, evidence) : incident;
}

/** The setting that holds the default marking of new incidents of a type. */
export const TLP_DEFAULT_SETTING = {
  SSH_SCAN: "tlp.defaultSshScan",
  SSH_BRUTE_FORCE_REPORT: "tlp.defaultThirdPartyReport",
  OTHER: "tlp.defaultOther",
} as const satisfies Record<IncidentType, string>;

/**
 * Where something marked with a label may go:
 * - `organisation`: the organisation the incident is about (its portal, its notices, its own API tokens);
 * - `sharing`: exports meant to be passed on (MISP, STIX for staff: partner CSIRTs, sharing groups).
 * RED never leaves the platform as a file or export: named people read it here (ADR 0008).
 */
export type TlpAudience = "organisation" | "sharing";

export function tlpAllowsExport(tlp: Tlp, audience: TlpAudience): boolean {
  if (tlp === "RED") return false;
  if (tlp === "AMBER_STRICT") return audience === "organisation";
  return true;
}

/** Notices to the organisation carry a RED incident's or file's text only behind the response link. */
export function tlpAllowsMailAttachment(tlp: Tlp): boolean {
  return tlp !== "RED";
}

/** What the label means, in the words FIRST uses, for pages and notices. */
export const TLP_MEANING: Record<LanguageCode, Record<Tlp, string>> = {
  en: {
    CLEAR: "Disclosure is not limited.",
    GREEN: "Limited disclosure: you may share within your community, not publicly.",
    AMBER: "Limited disclosure: share only within your organisation and its clients, on a need-to-know basis.",
    AMBER_STRICT: "Limited disclosure: share only within your organisation, on a need-to-know basis.",
    RED: "For the named recipients only: do not share it with anyone else.",
  },
  de: {
    CLEAR: "Die Weitergabe ist nicht eingeschränkt.",
    GREEN: "Eingeschränkte Weitergabe: innerhalb Ihrer Community, nicht öffentlich.",
    AMBER:
      "Eingeschränkte Weitergabe: nur innerhalb Ihrer Organisation und an deren Kunden, wenn sie es wissen müssen.",
    AMBER_STRICT: "Eingeschränkte Weitergabe: nur innerhalb Ihrer Organisation, wenn es dort jemand wissen muss.",
    RED: "Nur für die genannten Empfänger: nicht weitergeben.",
  },
};
