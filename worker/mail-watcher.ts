import type { ConnectionOptions } from "node:tls";
import type { ImapSettings } from "@/lib/mail/imap-url";
import { imapClient } from "@/lib/mail/poll-imap-mailbox";

/**
 * Keeps one IMAP connection in IDLE on the mailbox and calls `onMail` when the server says new
 * mail arrived, so replies are read within seconds instead of at the next minute's poll (which
 * still runs: this only hurries it). Reconnects with a growing pause when the connection drops.
 */
export function startMailWatcher({
  settings,
  onMail,
  tls,
}: {
  settings: ImapSettings;
  onMail: () => Promise<unknown>;
  tls?: ConnectionOptions;
}): () => Promise<void> {
  let stopped = false;
  let pause = 1_000;
  let current: ReturnType<typeof imapClient> | null = null;
  const run = async () => {
    while (!stopped) {
      const client = imapClient(settings, { tls });
      current = client;
      const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
      client.on("error", (error: Error) => console.error("[mail] IDLE connection:", error.message));
      client.on(
        "exists",
        () => void onMail().catch((error: unknown) => console.error("[mail] could not queue a poll:", error)),
      );
      try {
        await client.connect();
        await client.mailboxOpen(settings.mailbox);
        pause = 1_000;
        await onMail();
        // IDLE at once (imapflow's own auto-IDLE waits 15 s); it ends on its own now and then, so start it again.
        while (!stopped && client.usable) await Promise.race([client.idle(), closed]);
      } catch (error) {
        console.error("[mail] IDLE connection failed:", (error as Error).message);
        client.close();
      }
      if (stopped) break;
      await new Promise((resolve) => setTimeout(resolve, pause).unref());
      pause = Math.min(pause * 2, 5 * 60_000);
    }
  };
  void run();
  return async () => {
    stopped = true;
    await current?.logout().catch(() => current?.close());
  };
}
