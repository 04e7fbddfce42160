/**
 * What analysts type into the organisation page's forms, checked the same way everywhere:
 * server actions parse with these schemas, the domain functions take the parsed values.
 */
import { z } from "zod";
import { ZLanguageSchema } from "@/lib/i18n/languages";
import { CALENDAR_DAY_HINT, parseCalendarDay } from "@/lib/http/calendar-day";
import { readPhone } from "./field-values";
import { isTimeZone } from "@/lib/time/readable-time";

export const CONTACT_ROLE_VALUES = ["SECURITY", "ABUSE", "TECHNICAL", "ESCALATION"] as const;
export const NOTIFICATION_POLICY_VALUES = ["AUTOMATIC", "HOLD_FOR_APPROVAL"] as const;

export const CONTACT_ROLE_LABEL: Record<(typeof CONTACT_ROLE_VALUES)[number], string> = {
  SECURITY: "Security",
  ABUSE: "Abuse",
  TECHNICAL: "Technical",
  ESCALATION: "Escalation",
};

export const NOTIFICATION_POLICY_LABEL: Record<(typeof NOTIFICATION_POLICY_VALUES)[number], string> = {
  AUTOMATIC: "Send automatically",
  HOLD_FOR_APPROVAL: "Hold for analyst approval",
};

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((text) => (text ? text : null));

export const ZContactInputSchema = z.object({
  name: z.string().trim().min(1, "Give the contact's name.").max(200, "The name is longer than 200 characters."),
  /** Lower-cased: sign-in by e-mail link compares addresses in lower case. */
  email: z
    .string()
    .trim()
    .min(1, "Give the contact's e-mail address.")
    .max(320, "That e-mail address is too long.")
    .pipe(z.email("That is not a valid e-mail address."))
    .transform((email) => email.toLowerCase()),
  role: z.enum(CONTACT_ROLE_VALUES, "Choose security, abuse, technical or escalation."),
  phone: z
    .string()
    .trim()
    .optional()
    .transform((text, context) => {
      if (!text) return null;
      const phone = readPhone(text);
      if (phone.ok) return phone.value;
      context.addIssue({
        code: "custom",
        message: 'Not a telephone number: use digits, spaces, + ( ) - . / and an optional "ext 123".',
      });
      return z.NEVER;
    }),
  /** The language of this contact's notices; empty = the organisation's. */
  language: z
    .union([z.literal(""), ZLanguageSchema])
    .optional()
    .transform((code) => code || null),
});

export const ZAddressBlockInputSchema = z.object({
  network: z.string().trim().min(1, "Give the block in CIDR notation, e.g. 192.0.2.0/24."),
  description: optionalText(200, "The description is longer than 200 characters."),
  /** Set when the analyst saw the overlap warning and chose to add the block anyway. */
  confirmOverlap: z
    .string()
    .optional()
    .transform((value) => value === "1" || value === "true"),
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const ZAllowListInputSchema = z.object({
  network: z.string().trim().min(1, "Give an address or a block in CIDR notation."),
  reason: z
    .string()
    .trim()
    .min(3, "Say why this source is allowed (e.g. the site's own vulnerability scanner).")
    .max(500, "The reason is longer than 500 characters."),
  /** A calendar date; the entry stops applying at 00:00 UTC that day. */
  expiresOn: z
    .string()
    .trim()
    .regex(ISO_DATE, "Give the expiry date.")
    .transform((text, context) => {
      const date = parseCalendarDay(text);
      if (date === null) {
        context.addIssue({ code: "custom", message: `The expiry must be ${CALENDAR_DAY_HINT}.` });
        return z.NEVER;
      }
      return date;
    }),
});

export const ZNotificationPolicyInputSchema = z.enum(NOTIFICATION_POLICY_VALUES, "Choose how notices are sent.");

/** An organisation's language for notices: one of the supported languages. */
export const ZLanguageInputSchema = ZLanguageSchema;

export const ZTimeZoneInputSchema = z
  .string()
  .trim()
  .min(1, "Give a time zone, e.g. Europe/Amsterdam or UTC.")
  .max(64, "That is not a time zone.")
  .refine(isTimeZone, "Not a time zone this server knows; use a name like Europe/Amsterdam, Europe/London or UTC.");

/** `language` may be left out (callers that predate languages): the organisation's. */
export type TContactInput = Omit<z.infer<typeof ZContactInputSchema>, "language"> & {
  language?: z.infer<typeof ZContactInputSchema>["language"];
};
export type TAddressBlockInput = z.infer<typeof ZAddressBlockInputSchema>;
export type TAllowListInput = z.infer<typeof ZAllowListInputSchema>;
export type TNotificationPolicyInput = z.infer<typeof ZNotificationPolicyInputSchema>;

/** A checkbox: "on" when ticked, absent when not; anything else is refused. */
const checkbox = (label: string) =>
  z
    .enum(["on", "off"], `${label}: tick the box or leave it empty.`)
    .optional()
    .transform((value) => value === "on");

/** Which machine-readable reports go with notices, and whether mail must be encrypted. */
export const ZNoticeFormatsInputSchema = z.object({
  attachXarf: checkbox("X-ARF report"),
  attachIodef: checkbox("IODEF document"),
  requireEncryption: checkbox("Require encryption"),
});

export type TNoticeFormatsInput = z.infer<typeof ZNoticeFormatsInputSchema>;
