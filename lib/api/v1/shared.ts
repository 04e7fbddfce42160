import { z } from "zod";
import { CALENDAR_DAY_HINT, parseCalendarDay } from "@/lib/http/calendar-day";

/** A UTC day, YYYY-MM-DD, that exists. */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, `Give a day as ${CALENDAR_DAY_HINT}.`)
  .refine((value) => parseCalendarDay(value) !== null, `Give a day as ${CALENDAR_DAY_HINT}.`);

/** A page number for the lists that are short enough for pages. */
export const pageSchema = z.coerce.number().int().min(1).max(10_000).default(1);
