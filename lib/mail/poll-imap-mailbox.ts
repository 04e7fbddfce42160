import type { ConnectionOptions } from "node:tls";
import { ImapFlow } from "imapflow";
import type { Db } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/get-settings";
import type { ImapSettings } from "./imap-url";
import { recordInboundMail, type InboundOutcome } from "./record-inbound-mail";

export type PollTally = Record<InboundOutcome | "failed" | "errors", number>;

/** An IMAP client for the mailbox; `tls` adds trust (a private CA) for tests and private servers. */
export function imapClient(settings: ImapSettings, { tls }: { tls?: ConnectionOptions } = {}): ImapFlow {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    doSTARTTLS: settings.requireStartTls ? true : undefined,
    auth: { user: settings.user, pass: settings.pass },
    tls: { minVersion: "TLSv1.2", ...tls },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
}

async function ensureFolder(client: ImapFlow, folder: string): Promise<void> {
  const existing = await client.list();
  if (!existing.some((mailbox) => mailbox.path === folder)) await client.mailboxCreate(folder);
}

/**
 * Reads every message in the mailbox once: each is recorded (recordInboundMail, keyed so a
 * message seen again is not recorded twice) and then moved to the processed folder, or to
 * the failed folder when it could not be read. A message whose recording threw (the database
 * was unreachable) stays in the mailbox for the next poll.
 */
export async function pollImapMailbox(
  db: Db,
  { settings, tls, batch = 50 }: { settings: ImapSettings; tls?: ConnectionOptions; batch?: number },
): Promise<PollTally> {
  const tally: PollTally = { attached: 0, unmatched: 0, recorded: 0, duplicate: 0, failed: 0, errors: 0 };
  const limits = await getSettings(db);
  const maxBytes = limits["mail.maxMessageMiB"] * 1024 * 1024;
  const client = imapClient(settings, { tls });
  client.on("error", (error: Error) => console.error("[mail] IMAP:", error.message));
  await client.connect();
  try {
    await ensureFolder(client, settings.processedFolder);
    await ensureFolder(client, settings.failedFolder);
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      for (const uid of uids.slice(0, batch)) {
        const head = await client.fetchOne(String(uid), { size: true, uid: true }, { uid: true });
        if (!head) continue;
        const size = head.size ?? 0;
        const fetched = await client.fetchOne(
          String(uid),
          size > maxBytes ? { headers: true, uid: true } : { source: true, uid: true },
          { uid: true },
        );
        const raw = fetched ? (size > maxBytes ? fetched.headers : fetched.source) : undefined;
        if (!raw) continue;
        try {
          const result = await recordInboundMail(db, { raw: Buffer.from(raw), source: "IMAP", totalSize: size });
          tally[result.outcome] += 1;
          if (result.unreadable) tally.failed += 1;
          await client.messageMove(String(uid), result.unreadable ? settings.failedFolder : settings.processedFolder, {
            uid: true,
          });
        } catch (error) {
          tally.errors += 1;
          console.error(`[mail] message ${uid} left in ${settings.mailbox}:`, error);
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return tally;
}
