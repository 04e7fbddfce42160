import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: answers without touching the database (also the benchmarks' baseline route). */
export function GET() {
  return NextResponse.json({ status: "ok" });
}
