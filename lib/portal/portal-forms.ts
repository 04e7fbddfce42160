import { z } from "zod";
import { AppError } from "@/lib/errors";
import { CALENDAR_DAY_HINT, parseCalendarDay } from "@/lib/http/calendar-day";
import { ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";
import { RESPONSE_STEPS, ROOT_CAUSES } from "./response-options";

const STEP_KEYS = RESPONSE_STEPS.map((step) => step.key) as [string, ...string[]];
const CAUSE_KEYS = ROOT_CAUSES.map((cause) => cause.key) as [string, ...string[]];

const ZReferenceSchema = ZIncidentReferenceSchema;

/** The incident a portal form is about; a tampered value is a refusal with a message, not an error page. */
export function readReference(form: FormData): number {
  const parsed = ZReferenceSchema.safeParse(form.get("reference"));
  if (!parsed.success) throw new AppError("INVALID_INPUT", "That is not an incident reference we could have issued.");
  return parsed.data;
}

const ZAllowListUntilSchema = z.union([
  z.literal(""),
  z
    .string()
    .refine((text) => parseCalendarDay(text) !== null, `Give the end of the suppression as ${CALENDAR_DAY_HINT}.`),
]);

/** The response form's fields; files are checked separately. */
export function readRespondForm(form: FormData) {
  const parsed = z
    .object({
      reference: ZReferenceSchema,
      text: z.string().max(10_000, "Keep notes under 10,000 characters."),
      steps: z.array(z.enum(STEP_KEYS)),
    })
    .safeParse({ reference: form.get("reference"), text: form.get("text") ?? "", steps: form.getAll("steps") });
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The form is not valid.");
  const files = form
    .getAll("files")
    .filter(
      (value): value is File =>
        typeof value === "object" && value !== null && "arrayBuffer" in value && (value as File).size > 0,
    );
  return { ...parsed.data, steps: parsed.data.steps as (typeof RESPONSE_STEPS)[number]["key"][], files };
}

export function readResolveForm(form: FormData) {
  const parsed = z
    .object({
      reference: ZReferenceSchema,
      rootCause: z.enum(CAUSE_KEYS, "Choose a root cause."),
      note: z.string().trim().min(1, "Say what you found and what you did: resolving needs a note.").max(10_000),
      allowListUntil: ZAllowListUntilSchema.optional(),
    })
    .safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The form is not valid.");
  const { allowListUntil, ...rest } = parsed.data;
  return {
    ...rest,
    rootCause: rest.rootCause as (typeof ROOT_CAUSES)[number]["key"],
    allowListUntil: allowListUntil ? new Date(`${allowListUntil}T23:59:59Z`) : null,
  };
}
