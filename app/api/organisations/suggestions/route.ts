import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { staffRoute } from "@/lib/http/route-handler";
import { suggestOrganisations } from "@/lib/orgs/organisation-choices";

export const dynamic = "force-dynamic";

/** `GET /api/organisations/suggestions?q=…`: names for the queue's organisation filter (staff only). */
export const GET = staffRoute(async (request) => {
  // Control characters (a NUL would fail the query) cannot be part of a name.
  const typed = (new URL(request.url).searchParams.get("q") ?? "").replace(/[\u0000-\u001f\u007f]/g, "");
  const organisations = await suggestOrganisations(db, typed);
  return NextResponse.json(
    { organisations: organisations.map(({ name, slug }) => ({ name, slug })) },
    { headers: { "cache-control": "private, max-age=30" } },
  );
});
