import { type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { isEligibleForEmailSignIn } from "./email-sign-in";
import { consumeRateLimit, SIGN_IN_RULES } from "./rate-limit";
import { renderSignInLinkMail } from "./sign-in-link-mail";

export type SendSignInMail = (mail: { to: string; subject: string; text: string }) => Promise<unknown>;

export function signInLinkAddressKey(context: AuditContext): string {
  return `signin-link:ip:${context.ip ?? "unknown"}`;
}

/**
 * Someone asked for a sign-in link. What the requester waits for is the same work for every
 * address (two counter updates); whether the address may sign in, and the mail, happen after
 * the answer, so its timing tells nothing about which addresses are contacts. Returns the
 * background delivery for callers that want to wait for it (tests); Auth.js does not.
 */
export async function acceptSignInLinkRequest(
  db: Db,
  {
    identifier,
    url,
    expires,
    context,
    send,
  }: { identifier: string; url: string; expires: Date; context: AuditContext; send: SendSignInMail },
): Promise<{ delivery: Promise<void> }> {
  const [perAccount, perAddress] = await Promise.all([
    consumeRateLimit(db, `signin-link:account:${identifier}`, SIGN_IN_RULES.emailLinkPerAccount),
    consumeRateLimit(db, signInLinkAddressKey(context), SIGN_IN_RULES.emailLinkPerAddress),
  ]);
  const allowed = perAccount.allowed && perAddress.allowed;
  const delivery = deliverSignInLink(db, { identifier, url, expires, context, send, allowed }).catch(
    (error: unknown) => {
      console.error("[auth] sign-in link not sent:", error);
    },
  );
  return { delivery };
}

async function deliverSignInLink(
  db: Db,
  input: {
    identifier: string;
    url: string;
    expires: Date;
    context: AuditContext;
    send: SendSignInMail;
    allowed: boolean;
  },
): Promise<void> {
  const { identifier, url, expires, context, send, allowed } = input;
  const eligible = allowed && (await isEligibleForEmailSignIn(db, identifier));
  const action = eligible ? "signin.link_sent" : allowed ? "signin.link_refused" : "signin.rate_limited";
  await recordAudit(db, { actor: { label: identifier }, action, context });
  if (!eligible) return;
  const mail = renderSignInLinkMail({ url, expires });
  await send({ to: identifier, subject: mail.subject, text: mail.text });
}
