/**
 * Server actions: one wrapper per audience (lib/auth/audiences.ts). Each recognises the caller
 * first, then refuses NUL bytes and parses the form (a zod schema, or a reader that throws an
 * AppError), then runs the action. Actions return a state the form shows; an expected refusal
 * is never thrown. Every exported server action is the result of one of these calls
 * (test/authorisation-coverage.test.ts fails otherwise).
 */
import { headers } from "next/headers";
import type { z } from "zod";
import {
  authoriseInstitution,
  authoriseLinkHolder,
  authoriseSecondFactorPending,
  authoriseStaff,
  type InstitutionCaller,
  type LinkHolderCaller,
  type PublicCaller,
  type SecondFactorCaller,
  type StaffCaller,
} from "@/lib/auth/audiences";
import { requestContext } from "@/lib/audit/record-audit";
import { isAppError } from "@/lib/errors";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { assertNoNulBytes } from "./form-values";

export interface ActionState<T = unknown> {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  data?: T;
}

export type FormAction<T> = (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/** A zod schema over the form's fields (one value per name), or a function that reads the form and throws an AppError. */
export type FormReader<I> = z.ZodType<I> | ((form: FormData) => I);

type Parsed<I> = { ok: true; input: I } | { ok: false; state: ActionState<never> };

function readForm<I>(read: FormReader<I>, form: FormData): Parsed<I> {
  if (typeof read === "function") return { ok: true, input: read(form) };
  const parsed = read.safeParse(Object.fromEntries(form));
  if (parsed.success) return { ok: true, input: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
  return { ok: false, state: { error: "Some values need correcting.", fieldErrors } };
}

function formAction<C, I, T>(
  authorise: (form: FormData) => Promise<C>,
  read: FormReader<I>,
  run: (input: I, caller: C) => Promise<ActionState<T>>,
): FormAction<T> {
  return async (_state, form) => {
    try {
      const caller = await authorise(form);
      assertNoNulBytes(form);
      const parsed = readForm(read, form);
      if (!parsed.ok) return parsed.state;
      return await run(parsed.input, caller);
    } catch (error) {
      if (isAppError(error)) return { error: error.message };
      throw error;
    }
  };
}

/** Analysts and admins (`{ roles: ["ADMIN"] }` for admin-only actions). */
export function staffAction<I, T = unknown>(
  read: FormReader<I>,
  run: (input: I, caller: StaffCaller) => Promise<ActionState<T>>,
  { roles }: { roles?: readonly UserRole[] } = {},
): FormAction<T> {
  return formAction(async () => authoriseStaff(await headers(), roles), read, run);
}

/** Institution users; everything they reach is scoped by `caller` (lib/portal/portal-caller.ts). */
export function institutionAction<I, T = unknown>(
  read: FormReader<I>,
  run: (input: I, caller: InstitutionCaller) => Promise<ActionState<T>>,
): FormAction<T> {
  return formAction(async () => authoriseInstitution(await headers()), read, run);
}

/** Whoever holds a response link: the form's `token` field is checked before anything else is read. */
export function linkHolderAction<I, T = unknown>(
  read: FormReader<I>,
  run: (input: I, caller: LinkHolderCaller) => Promise<ActionState<T>>,
): FormAction<T> {
  return formAction(async (form) => authoriseLinkHolder(String(form.get("token") ?? ""), await headers()), read, run);
}

/** A session still owing its second factor: the second-factor page's forms, nothing else. */
export function secondFactorAction<I, T = unknown>(
  read: FormReader<I>,
  run: (input: I, caller: SecondFactorCaller) => Promise<ActionState<T>>,
): FormAction<T> {
  return formAction(async () => authoriseSecondFactorPending(await headers()), read, run);
}

/** Anyone: only signing in and out. */
export function publicAction<I, T = unknown>(
  read: FormReader<I>,
  run: (input: I, caller: PublicCaller) => Promise<ActionState<T>>,
): FormAction<T> {
  return formAction(async () => ({ context: requestContext(await headers()) }), read, run);
}

/**
 * A staff action a client component calls with a plain object (not a form), such as a live
 * preview: the caller is checked first, the object parsed next; a refusal or invalid input is
 * answered through `refuse`, so the caller shows it instead of an error page.
 */
export function staffCall<S extends z.ZodType, R>(
  schema: S,
  run: (input: z.infer<S>, caller: StaffCaller) => Promise<R>,
  refuse: (problems: string[]) => R,
): (input: z.input<S>) => Promise<R> {
  return objectCall(async () => authoriseStaff(await headers()), schema, run, refuse);
}

/** The second-factor page's calls with a plain object (a passkey's answer from the browser). */
export function secondFactorCall<S extends z.ZodType, R>(
  schema: S,
  run: (input: z.infer<S>, caller: SecondFactorCaller) => Promise<R>,
  refuse: (problems: string[]) => R,
): (input: z.input<S>) => Promise<R> {
  return objectCall(async () => authoriseSecondFactorPending(await headers()), schema, run, refuse);
}

function objectCall<C, S extends z.ZodType, R>(
  authorise: () => Promise<C>,
  schema: S,
  run: (input: z.infer<S>, caller: C) => Promise<R>,
  refuse: (problems: string[]) => R,
): (input: z.input<S>) => Promise<R> {
  return async (input) => {
    try {
      const caller = await authorise();
      const parsed = schema.safeParse(input);
      if (!parsed.success) return refuse(parsed.error.issues.map((issue) => issue.message));
      return await run(parsed.data, caller);
    } catch (error) {
      if (isAppError(error)) return refuse([error.message]);
      throw error;
    }
  };
}
