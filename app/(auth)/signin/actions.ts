"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc";
import { isRateLimited, SIGN_IN_RULES } from "@/lib/auth/rate-limit";
import { signInLinkAddressKey } from "@/lib/auth/sign-in-link-request";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type ActionState, publicAction } from "@/lib/http/action";
import { returnPathOrFallback } from "@/lib/http/safe-redirect";

export type SignInFormState = ActionState & {
  /** The e-mail typed, given back with a refusal so that a wrong password costs only the password. */
  email?: string;
};

const ZPasswordFormSchema = z.object({
  email: z.string().trim().min(1),
  password: z.string().min(1),
  callbackUrl: z.string().optional(),
});
const ZLinkFormSchema = z.object({ email: z.email("Enter an e-mail address."), callbackUrl: z.string().optional() });

/** A refused form still gives back the e-mail typed (see SignInFormState). */
function readPasswordForm(form: FormData) {
  const parsed = ZPasswordFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { complete: false as const, email: String(form.get("email") ?? "").slice(0, 320) };
  return { complete: true as const, ...parsed.data };
}

function readLinkForm(form: FormData) {
  const parsed = ZLinkFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Enter an e-mail address.");
  return parsed.data;
}

export const signInWithPassword = publicAction(readPasswordForm, async (input): Promise<SignInFormState> => {
  if (!input.complete) return { error: "Enter your e-mail address and password.", email: input.email };
  const { email, password, callbackUrl } = input;
  try {
    await signIn("credentials", { email, password, redirectTo: returnPathOrFallback(callbackUrl) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error ? (error as { code?: string }).code : undefined;
      if (code === "rate_limited") return { error: "Too many sign-in attempts. Wait 15 minutes and try again.", email };
      return { error: "That e-mail address and password do not match an account.", email };
    }
    throw error;
  }
});

export const requestSignInLink = publicAction(readLinkForm, async ({ email, callbackUrl }, { context }) => {
  // Per client address, and said openly: it reveals nothing about the address typed.
  if (await isRateLimited(db, signInLinkAddressKey(context), SIGN_IN_RULES.emailLinkPerAddress)) {
    return { error: "Too many sign-in links were asked for from your network. Wait 15 minutes and try again." };
  }
  try {
    await signIn("email-link", { email, redirectTo: returnPathOrFallback(callbackUrl, "/portal") });
    return {};
  } catch (error) {
    if (error instanceof AuthError)
      return { error: "We could not send a sign-in link just now. Try again in a few minutes." };
    throw error;
  }
});

/** Single sign-on through the IdP (when configured): Auth.js sends the browser there with PKCE, state and nonce. */
export const signInWithSso = publicAction(z.object({ callbackUrl: z.string().optional() }), async ({ callbackUrl }) => {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: returnPathOrFallback(callbackUrl) });
  return {};
});

/** Ends the session here and server-side (its version is bumped: a copied cookie stops working). */
export const signOutAction = publicAction(
  () => ({}),
  async () => {
    await signOut({ redirectTo: "/signin" });
    return {};
  },
);
