import { listNotifications } from "@/lib/api/v1/notifications";
import { apiTokenRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = apiTokenRoute(listNotifications);
