import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** Liveness: answers without touching the database (also the benchmarks' baseline route). */
export const GET = publicRoute(async () => NextResponse.json({ status: "ok" }));
