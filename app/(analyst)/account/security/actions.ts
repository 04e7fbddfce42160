"use server";

import { z } from "zod";
import { confirmTotpEnrolment, renewRecoveryCodes } from "@/lib/auth/second-factor/enrol-totp";
import { passkeyRegistrationOptions, registerPasskey, ZPasskeyNameSchema } from "@/lib/auth/second-factor/passkeys";
import { resetSecondFactor } from "@/lib/auth/second-factor/reset-second-factor";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { type ActionState, staffAction, staffCall } from "@/lib/http/action";

type CallResult<T> = { ok: true; data: T } | { ok: false; error: string };
const refuse = (problems: string[]): CallResult<never> => ({ ok: false, error: problems[0] ?? "That did not work." });

async function answer<T>(work: () => Promise<T>): Promise<CallResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: error.message };
    throw error;
  }
}

export const confirmOwnTotpAction = staffAction(
  z.object({ code: z.string().trim().min(1, "Enter the code.").max(64) }),
  async ({ code }, caller): Promise<ActionState<{ recoveryCodes: string[] }>> => {
    const recoveryCodes = await confirmTotpEnrolment(db, { person: caller.user, code, context: caller.context });
    return { ok: true, data: { recoveryCodes } };
  },
);

export const renewRecoveryCodesAction = staffAction(
  z.object({}),
  async (_input, caller): Promise<ActionState<{ recoveryCodes: string[] }>> => ({
    ok: true,
    data: { recoveryCodes: await renewRecoveryCodes(db, { person: caller.user, context: caller.context }) },
  }),
);

export const ownPasskeyRegistrationOptionsCall = staffCall(
  z.object({}),
  (_input, caller) =>
    answer(() =>
      passkeyRegistrationOptions(db, { userId: caller.user.id, email: caller.user.email, name: caller.user.name }),
    ),
  refuse,
);

export const registerOwnPasskeyCall = staffCall(
  z.object({ response: z.unknown(), name: ZPasskeyNameSchema }),
  ({ response, name }, caller) =>
    answer(async () => {
      const { recoveryCodes } = await registerPasskey(db, {
        person: caller.user,
        name,
        response,
        context: caller.context,
      });
      return { recoveryCodes: recoveryCodes ?? [] };
    }),
  refuse,
);

/** Admins only, and only with their own second factor typed now. */
export const resetSecondFactorAction = staffAction(
  z.object({
    userId: z.uuid("Choose a staff member."),
    kind: z.enum(["totp", "recovery"]),
    code: z.string().trim().min(1, "Enter your code.").max(64),
  }),
  async ({ userId, kind, code }, caller) => {
    const { email } = await resetSecondFactor(db, {
      admin: caller.user,
      targetUserId: userId,
      kind,
      code,
      context: caller.context,
    });
    return { ok: true, message: `${email} sets up a new second factor at their next sign-in.` };
  },
  { roles: ["ADMIN"] },
);
