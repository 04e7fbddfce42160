import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { publicRoute } from "@/lib/http/route-handler";

/** Auth.js's own endpoints (sign-in, callbacks, sign-out, session): anyone may call them. */
export const GET = publicRoute((request) => handlers.GET(request as NextRequest));
export const POST = publicRoute((request) => handlers.POST(request as NextRequest));
