"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { z } from "zod";
import { requestContext } from "@/lib/audit/record-audit";
import { signIn } from "@/lib/auth/config";
import { isRateLimited, SIGN_IN_RULES } from "@/lib/auth/rate-limit";
import { signInLinkAddressKey } from "@/lib/auth/sign-in-link-request";
import { db } from "@/lib/db/client";
import { returnPathOrFallback } from "@/lib/http/safe-redirect";

export interface SignInFormState {
  error?: string;
  /** The e-mail typed, given back with a refusal so that a wrong password costs only the password. */
  email?: string;
}

const ZPasswordFormSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1), callbackUrl: z.string().optional() });
const ZLinkFormSchema = z.object({ email: z.email("Enter an e-mail address."), callbackUrl: z.string().optional() });

export async function signInWithPassword(_state: SignInFormState, form: FormData): Promise<SignInFormState> {
  const parsed = ZPasswordFormSchema.safeParse(Object.fromEntries(form));
  const email = String(form.get("email") ?? "").slice(0, 320);
  if (!parsed.success) return { error: "Enter your e-mail address and password.", email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: returnPathOrFallback(parsed.data.callbackUrl),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error ? (error as { code?: string }).code : undefined;
      if (code === "rate_limited") return { error: "Too many sign-in attempts. Wait 15 minutes and try again.", email };
      return { error: "That e-mail address and password do not match an account.", email };
    }
    throw error;
  }
}

export async function requestSignInLink(_state: SignInFormState, form: FormData): Promise<SignInFormState> {
  const parsed = ZLinkFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter an e-mail address." };
  // Per client address, and said openly: it reveals nothing about the address typed.
  const addressKey = signInLinkAddressKey(requestContext(await headers()));
  if (await isRateLimited(db, addressKey, SIGN_IN_RULES.emailLinkPerAddress)) {
    return { error: "Too many sign-in links were asked for from your network. Wait 15 minutes and try again." };
  }
  try {
    await signIn("email-link", { email: parsed.data.email, redirectTo: returnPathOrFallback(parsed.data.callbackUrl, "/portal") });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "We could not send a sign-in link just now. Try again in a few minutes." };
    throw error;
  }
}
