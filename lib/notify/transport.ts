import { readFileSync } from "node:fs";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

/** DKIM signing when DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY are set (the key as PEM, or the path of a PEM file). */
export function dkimOptions(
  config = env(),
): { domainName: string; keySelector: string; privateKey: string } | undefined {
  const { DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY } = config;
  if (!DKIM_DOMAIN || !DKIM_SELECTOR || !DKIM_PRIVATE_KEY) return undefined;
  const privateKey = DKIM_PRIVATE_KEY.includes("-----BEGIN")
    ? DKIM_PRIVATE_KEY.replace(/\\n/g, "\n")
    : readFileSync(DKIM_PRIVATE_KEY, "utf8");
  return { domainName: DKIM_DOMAIN, keySelector: DKIM_SELECTOR, privateKey };
}

/**
 * The one place mail leaves the product. SMTP_URL wins; otherwise the dev mailbox that the
 * start script runs on loopback. DEV_MAILBOX_URL is not configuration: `npm start` sets it for
 * its own processes once the mailbox listens.
 */
export function mailTransportUrl(smtpUrl = env().SMTP_URL, devMailboxUrl = process.env.DEV_MAILBOX_URL): string {
  const url = smtpUrl?.trim() || devMailboxUrl?.trim();
  if (!url)
    throw new Error(
      "No mail transport: set SMTP_URL (smtp://user:pass@host:587), or start the product with npm start for the dev mailbox",
    );
  return url;
}

const transports = new Map<string, Transporter>();

export function mailTransport(url = mailTransportUrl()): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    const isLoopback = /^smtps?:\/\/([^@/]*@)?(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(`${url}/`);
    const dkim = dkimOptions();
    transport = nodemailer.createTransport(url, {
      // The dev mailbox and test sinks on loopback speak plain SMTP.
      ...(isLoopback ? { ignoreTLS: true } : {}),
      ...(dkim ? { dkim } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transports.set(url, transport);
  }
  return transport;
}

export function mailFrom(): string {
  return env().MAIL_FROM.trim() || "CSIRT <csirt@localhost>";
}
