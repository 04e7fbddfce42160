"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { updateSession } from "@/lib/auth/config";
import { confirmTotpEnrolment } from "@/lib/auth/second-factor/enrol-totp";
import {
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  verifyPasskey,
  ZPasskeyNameSchema,
} from "@/lib/auth/second-factor/passkeys";
import { enrolmentProof, isEnrolmentProof, secondFactorProof } from "@/lib/auth/second-factor/session-proof";
import { verifySecondFactorCode } from "@/lib/auth/second-factor/verify-second-factor";
import type { SecondFactorCaller } from "@/lib/auth/audiences";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { type ActionState, secondFactorAction, secondFactorCall } from "@/lib/http/action";
import { returnPathOrFallback } from "@/lib/http/safe-redirect";

/** The session stops owing its second factor (only the server can write this proof). */
async function markVerified(caller: SecondFactorCaller): Promise<void> {
  await updateSession({ secondFactorProof: secondFactorProof(caller.user.id, caller.sessionId) } as never);
}

const ZCodeFormSchema = z.object({
  kind: z.enum(["totp", "recovery"]),
  code: z.string().trim().min(1, "Enter the code.").max(64),
  callbackUrl: z.string().optional(),
});

export const verifyCodeAction = secondFactorAction(ZCodeFormSchema, async ({ kind, code, callbackUrl }, caller) => {
  await verifySecondFactorCode(db, { person: caller.user, kind, code, context: caller.context, purpose: "signin" });
  await markVerified(caller);
  redirect(returnPathOrFallback(callbackUrl));
});

export const confirmTotpAction = secondFactorAction(
  z.object({ code: z.string().trim().min(1, "Enter the code.").max(64) }),
  async ({ code }, caller): Promise<ActionState<Enrolled>> => {
    const recoveryCodes = await confirmTotpEnrolment(db, { person: caller.user, code, context: caller.context });
    return { ok: true, data: { recoveryCodes, proof: enrolmentProof(caller.user.id, caller.sessionId) } };
  },
);

/** After the recovery codes were shown: the session set up its factor just now, so it is complete. */
export const finishEnrolmentAction = secondFactorAction(
  z.object({ proof: z.string().max(200), callbackUrl: z.string().optional() }),
  async ({ proof, callbackUrl }, caller) => {
    if (!isEnrolmentProof(proof, caller.user.id, caller.sessionId))
      return { error: "Set up your second factor first." };
    await markVerified(caller);
    redirect(returnPathOrFallback(callbackUrl));
  },
);

type Enrolled = { recoveryCodes: string[]; proof?: string };
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

export const passkeyRegistrationOptionsCall = secondFactorCall(
  z.object({}),
  (_input, caller) =>
    answer(() =>
      passkeyRegistrationOptions(db, { userId: caller.user.id, email: caller.user.email, name: caller.user.name }),
    ),
  refuse,
);

export const passkeyAuthenticationOptionsCall = secondFactorCall(
  z.object({}),
  (_input, caller) => answer(() => passkeyAuthenticationOptions(db, { userId: caller.user.id })),
  refuse,
);

export const verifyPasskeyCall = secondFactorCall(
  z.object({ response: z.unknown(), callbackUrl: z.string().max(2048).optional() }),
  ({ response, callbackUrl }, caller) =>
    answer(async () => {
      await verifyPasskey(db, { person: caller.user, response, context: caller.context, purpose: "signin" });
      await markVerified(caller);
      return { redirectTo: returnPathOrFallback(callbackUrl) };
    }),
  refuse,
);

export const registerPasskeyCall = secondFactorCall(
  z.object({ response: z.unknown(), name: ZPasskeyNameSchema }),
  ({ response, name }, caller) =>
    answer(async () => {
      const { recoveryCodes } = await registerPasskey(db, {
        person: caller.user,
        name,
        response,
        context: caller.context,
      });
      await markVerified(caller);
      return { recoveryCodes: recoveryCodes ?? [] };
    }),
  refuse,
);
