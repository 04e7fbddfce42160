import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Db } from "@/lib/db/client";
import { addressOf } from "@/lib/mail/verp";
import { mailFrom } from "@/lib/notify/transport";

/** Our own address, or one of our return paths (bounces+<id>@our domain). */
function isCsirtAddress(address: string): boolean {
  const ours = addressOf(mailFrom()).toLowerCase();
  const candidate = address.toLowerCase();
  return candidate === ours || (candidate.startsWith("bounces+") && candidate.endsWith(`@${ours.split("@")[1] ?? ""}`));
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/**
 * A real SMTP server on loopback that keeps every message in the database, so the whole
 * loop (notifications, sign-in links) works with no mail setup. Never for production.
 */
export async function startDevMailbox(
  db: Db,
  options: { port?: number } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new SMTPServer({
    name: "dev-mailbox.localhost",
    banner: "CSIRT dev mailbox: nothing leaves this machine",
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error("Message too large"), { responseCode: 552 }));
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) =>
            db.devMail.create({
              data: {
                messageId: parsed.messageId ?? null,
                envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
                envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
                subject: parsed.subject ?? "(no subject)",
                raw,
                toCsirt: session.envelope.rcptTo.some((recipient) => isCsirtAddress(recipient.address)),
              },
            }),
          )
          .then(
            () => callback(),
            (error: Error) => callback(error),
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
