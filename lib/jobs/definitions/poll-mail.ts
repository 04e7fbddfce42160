import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { parseImapUrl } from "@/lib/mail/imap-url";
import { pickUpDevMailboxMail } from "@/lib/mail/pick-up-dev-mailbox-mail";
import { pollImapMailbox } from "@/lib/mail/poll-imap-mailbox";
import { defineJob } from "../define-job";
import { enqueue } from "../queue";
import { deliverNotificationsJob } from "./deliver-notifications";

/**
 * Reads incoming mail: the IMAP mailbox (IMAP_URL) and the dev mailbox's mail to the CSIRT.
 * Every minute, and at once when the worker's IDLE connection sees new mail; one at a time.
 */
export const pollMailJob = defineJob({
  name: "mail.poll",
  schema: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "stately", retryLimit: 1, expireInSeconds: 15 * 60 },
  async handler() {
    const { IMAP_URL } = env();
    const dev = await pickUpDevMailboxMail(db);
    const imap = IMAP_URL ? await pollImapMailbox(db, { settings: parseImapUrl(IMAP_URL) }) : null;
    // A bounce may have moved a notice on to the next contact.
    if (dev.recorded > 0 || (imap && imap.recorded > 0)) await enqueue(deliverNotificationsJob, {});
  },
});
