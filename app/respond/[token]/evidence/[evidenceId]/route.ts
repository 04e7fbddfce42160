import { z } from "zod";
import { requestContext } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fileDownload } from "@/lib/http/file-response";
import { handleRoute } from "@/lib/http/route-handler";
import { callerFromLink } from "@/lib/portal/portal-caller";
import { getPortalEvidence } from "@/lib/portal/portal-incidents";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request: Request, { params }: { params: Promise<{ token: string; evidenceId: string }> }) => {
  const { token, evidenceId } = await params;
  const caller = await callerFromLink(db, token, requestContext(request.headers));
  if (caller.kind !== "link" || !z.uuid().safeParse(evidenceId).success) throw new AppError("NOT_FOUND", "No such file.");
  const incident = await db.incident.findUniqueOrThrow({ where: { id: caller.incidentId }, select: { reference: true } });
  return fileDownload(await getPortalEvidence(db, caller, { reference: incident.reference, evidenceId }));
});
