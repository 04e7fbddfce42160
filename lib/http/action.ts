/**
 * Server actions: one wrapper for session lookup, input validation and error answers, so each
 * action is a role check line and one domain call. Actions return a state the form shows;
 * they never throw for an expected refusal.
 */
import type { z } from "zod";
import { type CurrentUser, requireUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { assertNoNulBytes } from "./form-values";

export interface ActionState<T = unknown> {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  data?: T;
}

export function validatedAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.infer<S>, user: CurrentUser) => Promise<ActionState<T>>,
) {
  return async (_state: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
    try {
      const user = await requireUser();
      assertNoNulBytes(form);
      const parsed = schema.safeParse(Object.fromEntries(form));
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
        return { error: "Some values need correcting.", fieldErrors };
      }
      return await run(parsed.data, user);
    } catch (error) {
      if (isAppError(error)) return { error: error.message };
      throw error;
    }
  };
}
