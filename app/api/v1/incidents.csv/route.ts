import { exportIncidentsCsvOperation } from "@/lib/api/v1/incidents";
import { apiTokenRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = apiTokenRoute(exportIncidentsCsvOperation);
