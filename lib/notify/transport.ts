import nodemailer, { type Transporter } from "nodemailer";

/**
 * The one place mail leaves the product. SMTP_URL wins; otherwise the dev mailbox that the
 * start script runs on loopback (DEV_MAILBOX_URL).
 */
export function mailTransportUrl(environment: Record<string, string | undefined> = process.env): string {
  const url = environment.SMTP_URL?.trim() || environment.DEV_MAILBOX_URL?.trim();
  if (!url) throw new Error("No mail transport: set SMTP_URL (smtp://user:pass@host:587), or start the product with npm start for the dev mailbox");
  return url;
}

const transports = new Map<string, Transporter>();

export function mailTransport(url = mailTransportUrl()): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    const isLoopback = /^smtps?:\/\/([^@/]*@)?(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url + "/");
    transport = nodemailer.createTransport(url, {
      // The dev mailbox and test sinks on loopback speak plain SMTP.
      ...(isLoopback ? { ignoreTLS: true } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transports.set(url, transport);
  }
  return transport;
}

export function mailFrom(environment: Record<string, string | undefined> = process.env): string {
  return environment.MAIL_FROM?.trim() || "CSIRT <csirt@localhost>";
}
