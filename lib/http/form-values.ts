import { AppError } from "@/lib/errors";

/** PostgreSQL refuses NUL in text; a form value carrying one is refused here, not by a failing query. */
export function assertNoNulBytes(form: FormData): void {
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && value.includes("\u0000")) {
      throw new AppError("INVALID_INPUT", `The field "${name.slice(0, 40)}" contains a NUL character.`);
    }
  }
}
