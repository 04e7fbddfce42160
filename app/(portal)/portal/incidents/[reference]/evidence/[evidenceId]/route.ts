import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fileDownload } from "@/lib/http/file-response";
import { institutionRoute } from "@/lib/http/route-handler";
import { ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";
import { getPortalEvidence } from "@/lib/portal/portal-incidents";

export const dynamic = "force-dynamic";

const ZEvidenceParamsSchema = z.object({ reference: ZIncidentReferenceSchema, evidenceId: z.uuid() });

export const GET = institutionRoute<{ reference: string; evidenceId: string }>(async (_request, { caller }, params) => {
  const parsed = ZEvidenceParamsSchema.safeParse(await params());
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such file.");
  return fileDownload(await getPortalEvidence(db, caller, parsed.data));
});
