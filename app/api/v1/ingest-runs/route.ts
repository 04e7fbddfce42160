import { listIngestRuns } from "@/lib/api/v1/ingest";
import { apiTokenRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = apiTokenRoute(listIngestRuns);
