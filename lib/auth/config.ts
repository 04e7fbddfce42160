import NextAuth from "next-auth";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { buildAuthConfig } from "./auth-options";
import { oidcSettings } from "./oidc";

/** Built on first use, so that importing this (the build does) reads no environment. */
export const {
  handlers,
  auth,
  signIn,
  signOut,
  unstable_update: updateSession,
} = NextAuth(() => buildAuthConfig(db, oidcSettings(env())));

/** Whether single sign-on is configured (the sign-in page offers it). */
export function singleSignOnName(): string | null {
  return oidcSettings(env())?.name ?? null;
}
