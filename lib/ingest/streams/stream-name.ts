import { z } from "zod";
import { AppError } from "@/lib/errors";

/** The stream a file joins when its way in names none. */
export const DEFAULT_STREAM = "default";

/** A collector's name: a drop-folder subfolder, `?stream=` on the API, `--stream` on the CLI. */
export const ZStreamNameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    "A stream name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.",
  )
  .refine(
    (name) => !["processing", "done", "failed"].includes(name.toLowerCase()),
    "processing, done and failed are the drop folder's own folders.",
  );

/** The stream name to use (the default when none is given), or INVALID_INPUT saying what is wrong. */
export function parseStreamName(raw: string | null | undefined): string {
  if (raw === null || raw === undefined || raw.trim() === "") return DEFAULT_STREAM;
  const parsed = ZStreamNameSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", `Stream "${raw.slice(0, 80)}": ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}
