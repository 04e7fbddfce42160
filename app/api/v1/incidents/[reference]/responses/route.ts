import { respondToIncidentOperation } from "@/lib/api/v1/institution-responses";
import { apiTokenRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const POST = apiTokenRoute(respondToIncidentOperation);
