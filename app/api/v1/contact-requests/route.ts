import { createContactRequest, listContactRequests } from "@/lib/api/v1/contact-requests";
import { apiTokenRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = apiTokenRoute(listContactRequests);
export const POST = apiTokenRoute(createContactRequest);
