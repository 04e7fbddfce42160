import { z } from "zod";
import { CALENDAR_DAY_HINT, parseCalendarDay } from "@/lib/http/calendar-day";

/** The portal's request form: which organisation, what, why and until when. */
export const ZSuppressionRequestSchema = z.object({
  organisationId: z.uuid("Choose one of your organisations."),
  network: z
    .string()
    .trim()
    .min(1, "Give an address or a block, e.g. 192.0.2.10 or 2001:db8::/64.")
    .max(64, "That is not an address or a block."),
  reason: z
    .string()
    .trim()
    .min(3, "Say why, e.g. our vulnerability scanner or a research project.")
    .max(500, "The reason is longer than 500 characters."),
  /** A calendar date; the suppression stops applying at 00:00 UTC that day. */
  expiresOn: z
    .string()
    .trim()
    .min(1, "Give the end date.")
    .transform((text, context) => {
      const date = parseCalendarDay(text);
      if (date === null) {
        context.addIssue({ code: "custom", message: `The end date must be ${CALENDAR_DAY_HINT}.` });
        return z.NEVER;
      }
      return date;
    }),
});

export type TSuppressionRequest = z.infer<typeof ZSuppressionRequestSchema>;

/** An analyst's decision on a pending suppression; refusing needs a reason the institution reads. */
export const ZSuppressionDecisionSchema = z
  .object({
    organisationId: z.uuid(),
    entryId: z.uuid(),
    decision: z.enum(["approve", "refuse"]),
    reason: z.string().trim().max(1000, "The reason is longer than 1000 characters.").optional(),
  })
  .refine((value) => value.decision === "approve" || (value.reason ?? "").length >= 3, {
    message: "Tell the institution why the suppression is refused.",
    path: ["reason"],
  });
