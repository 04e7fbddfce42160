import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fileDownload } from "@/lib/http/file-response";
import { staffRoute } from "@/lib/http/route-handler";
import { getDevMailAttachment } from "@/lib/notify/dev-mailbox/read-dev-mail";

export const dynamic = "force-dynamic";

const ZAttachmentParamsSchema = z.object({ mailId: z.uuid(), index: z.coerce.number().int().min(0).max(1000) });

/** An attachment of a mail the dev mailbox caught, as a download (never rendered inline). */
export const GET = staffRoute<{ mailId: string; index: string }>(async (_request, _staff, params) => {
  const parsed = ZAttachmentParamsSchema.safeParse(await params());
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such attachment.");
  return fileDownload(await getDevMailAttachment(db, parsed.data));
});
