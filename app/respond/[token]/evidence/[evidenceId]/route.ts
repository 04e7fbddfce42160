import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fileDownload } from "@/lib/http/file-response";
import { linkHolderRoute } from "@/lib/http/route-handler";
import { getPortalEvidence } from "@/lib/portal/portal-incidents";

export const dynamic = "force-dynamic";

/** A file of the link's own incident; any other id is "not found". */
export const GET = linkHolderRoute<{ token: string; evidenceId: string }>(async (_request, { caller }, params) => {
  const evidenceId = z.uuid().safeParse((await params()).evidenceId);
  if (!evidenceId.success) throw new AppError("NOT_FOUND", "No such file.");
  return fileDownload(await getPortalEvidence(db, caller, { evidenceId: evidenceId.data }));
});
