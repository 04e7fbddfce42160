import { exportIncidents } from "@/lib/api/v1/exports";
import { apiTokenRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = apiTokenRoute(exportIncidents);
