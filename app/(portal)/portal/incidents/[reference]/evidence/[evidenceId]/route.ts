import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fileDownload } from "@/lib/http/file-response";
import { handleRoute } from "@/lib/http/route-handler";
import { ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";
import { getPortalEvidence } from "@/lib/portal/portal-incidents";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (_request: Request, { params }: { params: Promise<{ reference: string; evidenceId: string }> }) => {
  const user = await requireRole("INSTITUTION");
  const parsed = z.object({ reference: ZIncidentReferenceSchema, evidenceId: z.uuid() }).safeParse(await params);
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such file.");
  return fileDownload(await getPortalEvidence(db, { kind: "user", user }, parsed.data));
});
