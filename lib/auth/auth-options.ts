import { randomUUID } from "node:crypto";
import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Nodemailer from "next-auth/providers/nodemailer";
import { z } from "zod";
import { recordAudit, requestContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { returnPathOrFallback } from "@/lib/http/safe-redirect";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { mailFrom, mailTransport } from "@/lib/notify/transport";
import { createAuthAdapter } from "./adapter";
import { isEligibleForEmailSignIn } from "./email-sign-in";
import {
  admitOidcUser,
  idpCheckedSecondFactor,
  OIDC_PROVIDER_ID,
  type OidcProfile,
  type OidcSettings,
  oidcProvider,
} from "./oidc";
import { decoyPasswordHash, verifyPassword } from "./password";
import { secondFactorAtSignIn } from "./second-factor/second-factor-policy";
import { isSecondFactorProof, type SecondFactorState } from "./second-factor/session-proof";
import { endSessions, grantContactMemberships } from "./session-access";
import { consumeRateLimit, isRateLimited, SIGN_IN_RULES, signInAccountKey, signInAddressKey } from "./rate-limit";
import { acceptSignInLinkRequest, type SendSignInMail } from "./sign-in-link-request";

const ZCredentialsSchema = z.object({
  email: z
    .email()
    .max(320)
    .transform((value) => value.trim().toLowerCase()),
  password: z.string().min(1).max(1024),
});

class TooManyAttempts extends CredentialsSignin {
  override code = "rate_limited";
}

const SESSION_HOURS = 12;
const SIGN_IN_LINK_MINUTES = 30;

async function authorizeWithPassword(db: Db, raw: unknown, request: Request) {
  const parsed = ZCredentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const context = requestContext(request.headers);
  const accountKey = signInAccountKey(email);
  const addressKey = signInAddressKey(context.ip);
  // Only failures count, but a blocked account or address is refused before any password check.
  if (
    (await isRateLimited(db, accountKey, SIGN_IN_RULES.perAccount)) ||
    (await isRateLimited(db, addressKey, SIGN_IN_RULES.perAddress))
  ) {
    await recordAudit(db, { actor: { label: email }, action: "signin.rate_limited", context });
    throw new TooManyAttempts();
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, sessionVersion: true },
  });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user?.active || !user.passwordHash || !passwordMatches) {
    await consumeRateLimit(db, accountKey, SIGN_IN_RULES.perAccount);
    await consumeRateLimit(db, addressKey, SIGN_IN_RULES.perAddress);
    await recordAudit(db, { actor: { label: email }, action: "signin.failed", context });
    return null;
  }
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordAudit(db, { actor: { id: user.id, label: user.email }, action: "signin.password", context });
  const secondFactor = await secondFactorAtSignIn(db, { userId: user.id, role: user.role });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
    secondFactor,
  };
}

/** What a sign-in through the IdP leaves to do: staff whose IdP checked a second factor are done. */
async function secondFactorAfterSso(db: Db, user: { id?: string; role?: UserRole }, profile: unknown) {
  if (!user.id || !user.role || user.role === "INSTITUTION") return "none" as const;
  if (idpCheckedSecondFactor((profile ?? {}) as OidcProfile)) return "verified" as const;
  return secondFactorAtSignIn(db, { userId: user.id, role: user.role });
}

/**
 * The Auth.js configuration, for a database and (when the environment configures one) an IdP.
 * lib/auth/config.ts builds the app's from the environment; tests build theirs with a test IdP.
 */
export function buildAuthConfig(db: Db, oidc: OidcSettings | null) {
  return {
    adapter: createAuthAdapter(db),
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    trustHost: true,
    logger: {
      // A wrong password is an answer, not a server error: it is in the audit log, not the console.
      error(error) {
        if (error.name === "CredentialsSignin" || error.name === "Verification") return;
        console.error("[auth]", error);
      },
    },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [
      Credentials({
        id: "credentials",
        credentials: { email: { label: "E-mail" }, password: { label: "Password", type: "password" } },
        authorize: (raw, request) => authorizeWithPassword(db, raw, request),
      }),
      Nodemailer({
        id: "email-link",
        name: "E-mail link",
        // Not used: sendVerificationRequest sends through our transport, from mailFrom() (read when sending, not at import).
        server: "smtp://unused.invalid",
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
        // The answer on screen, and how long it takes, is the same for every address; only eligible ones get mail.
        async sendVerificationRequest({ identifier, url, expires, request }) {
          const send: SendSignInMail = (mail) => mailTransport().sendMail({ from: mailFrom(), ...mail });
          await acceptSignInLinkRequest(db, {
            identifier,
            url,
            expires,
            context: requestContext(request.headers),
            send,
          });
        },
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      // Auth.js's own callbackUrl (cookie or parameter) goes through the same parser as ours.
      redirect({ url, baseUrl }) {
        const base = new URL(baseUrl);
        const path = url.startsWith(base.origin) ? url.slice(base.origin.length) || "/" : url;
        return `${base.origin}${returnPathOrFallback(path)}`;
      },
      async signIn({ user, account, email, profile }) {
        if (account?.provider === "credentials") return true;
        if (account?.provider === OIDC_PROVIDER_ID && oidc && profile)
          return admitOidcUser(db, { profile: profile as OidcProfile, settings: oidc });
        if (account?.provider === "email-link") {
          if (email?.verificationRequest) return true;
          return typeof user.email === "string" && (await isEligibleForEmailSignIn(db, user.email));
        }
        return false;
      },
      async jwt({ token, user, account, profile, trigger, session }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          token.sessionVersion = user.sessionVersion;
          token.sid = randomUUID();
          token.secondFactor =
            account?.provider === OIDC_PROVIDER_ID
              ? await secondFactorAfterSso(db, user, profile)
              : (user.secondFactor ?? "none");
        }
        // Only the server can write the proof (lib/auth/second-factor/session-proof.ts).
        if (
          trigger === "update" &&
          token.sub &&
          token.sid &&
          isSecondFactorProof(
            (session as { secondFactorProof?: unknown } | undefined)?.secondFactorProof,
            token.sub,
            token.sid,
          )
        ) {
          token.secondFactor = "verified";
        }
        return token;
      },
      async session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.user.role = token.role as UserRole;
        session.user.sessionVersion = token.sessionVersion;
        session.user.sessionId = token.sid;
        session.user.secondFactor = token.secondFactor;
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        if (account?.provider === OIDC_PROVIDER_ID && user.id && user.email) {
          await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
        }
        if (account?.provider === "email-link" && user.id) {
          // A contact added or reactivated since the first sign-in gets that organisation too.
          if (user.email) await grantContactMemberships(db, { userId: user.id, email: user.email });
          await recordAudit(db, { actor: { id: user.id, label: user.email ?? "" }, action: "signin.email_link" });
        }
      },
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (!token?.sub) return;
        // The cookie is a signed JWT that stays valid until it expires: the row is what ends it.
        await endSessions(db, token.sub).catch(() => undefined);
        await recordAudit(db, { actor: { id: token.sub, label: token.email ?? "" }, action: "signout" });
      },
    },
  } satisfies NextAuthConfig;
}

export type { SecondFactorState };
