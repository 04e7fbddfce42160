import { z } from "zod";
import { db } from "@/lib/db/client";
import { pruneRawMail } from "@/lib/mail/prune-raw-mail";
import { defineJob } from "../define-job";

export const pruneRawMailJob = defineJob({
  name: "maintenance.prune-raw-mail",
  schema: z.object({}).strict(),
  cron: "41 3 * * *",
  async handler() {
    await pruneRawMail(db);
  },
});
