import { z } from "zod";

/**
 * The languages notices can be written in. Adding one: an entry here, its words in
 * lib/notify/notice-words.ts and lib/notify/advice.ts, its phrases in lib/time/readable-time.ts,
 * and its default templates in lib/notify/default-templates (see README, "Adding a language").
 */
export const LANGUAGES = {
  en: { name: "English", locale: "en-GB" },
  de: { name: "German (Deutsch)", locale: "de-DE" },
} as const;

export type LanguageCode = keyof typeof LANGUAGES;

export const LANGUAGE_CODES = Object.keys(LANGUAGES) as [LanguageCode, ...LanguageCode[]];

/** The language of the templates that are always there; the `notify.defaultLanguage` setting starts as it. */
export const DEFAULT_LANGUAGE: LanguageCode = "en";

export function isLanguage(code: unknown): code is LanguageCode {
  return typeof code === "string" && Object.hasOwn(LANGUAGES, code);
}

/** The code if it is one we support, otherwise the fallback (a stored value no longer supported reads as the default). */
export function languageOr(code: string | null | undefined, fallback: LanguageCode = DEFAULT_LANGUAGE): LanguageCode {
  return isLanguage(code) ? code : fallback;
}

export function languageName(code: string): string {
  return isLanguage(code) ? LANGUAGES[code].name : code;
}

/** The BCP 47 locale dates and numbers are formatted with ("de-DE"). */
export function localeOf(code: string): string {
  return LANGUAGES[languageOr(code)].locale;
}

export const ZLanguageSchema = z.enum(LANGUAGE_CODES, {
  error: () => `Choose one of: ${LANGUAGE_CODES.map((code) => LANGUAGES[code].name).join(", ")}.`,
});

/** "18,321" in English, "18.321" in German. */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}
