"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { staffAction } from "@/lib/http/action";
import { pollMailJob } from "@/lib/jobs/definitions/poll-mail";
import { enqueue } from "@/lib/jobs/queue";
import { DEV_REPLY_MAX_CHARS, writeDevMailboxReply } from "@/lib/notify/dev-mailbox/write-dev-mailbox-reply";

const ZDevReplySchema = z.object({
  devMailId: z.uuid(),
  text: z.string().trim().min(1, "Write the reply first.").max(DEV_REPLY_MAX_CHARS),
});

export const devMailboxReplyAction = staffAction(ZDevReplySchema, async (input) => {
  await writeDevMailboxReply(db, { devMailId: input.devMailId, text: input.text });
  await enqueue(pollMailJob, {});
  revalidatePath("/dev/mailbox");
  return { ok: true, message: "Reply sent to the CSIRT's mailbox; the worker reads it within moments." };
});
