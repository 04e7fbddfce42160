import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { staffRoute } from "@/lib/http/route-handler";
import { attachmentDisposition, getEvidenceDownload } from "@/lib/incidents/get-evidence-download";
import { ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";

export const dynamic = "force-dynamic";

const ZEvidenceParamsSchema = z.object({ reference: ZIncidentReferenceSchema, evidenceId: z.uuid() });

/** Evidence exactly as stored (and mailed): byte for byte, as an attachment. */
export const GET = staffRoute<{ reference: string; evidenceId: string }>(async (_request, _staff, params) => {
  const parsed = ZEvidenceParamsSchema.safeParse(await params());
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such evidence.");
  const evidence = await getEvidenceDownload(db, parsed.data);
  return new Response(Buffer.from(evidence.content), {
    headers: {
      "Content-Type": evidence.contentType,
      "Content-Disposition": attachmentDisposition(evidence.fileName),
      "Content-Length": String(evidence.content.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
