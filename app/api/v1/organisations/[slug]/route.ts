import { getOrganisation } from "@/lib/api/v1/organisations";
import { apiTokenRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = apiTokenRoute(getOrganisation);
