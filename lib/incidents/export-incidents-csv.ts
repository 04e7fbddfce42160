import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findOrganisationChoice } from "@/lib/orgs/organisation-choices";
import { FIRST_PAGE, incidentQueryString, parseIncidentQuery, type TIncidentQuery } from "./incident-query";
import { incidentsCsvResponse, incidentsCsvStream, type TExportAudience } from "./incidents-csv";

type TRawParams = Record<string, string | string[] | undefined>;

/** A URL's query string as the queue's parser takes it (repeated keys become lists). */
export function searchParamsRecord(params: URLSearchParams): TRawParams {
  const record: TRawParams = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

/**
 * The queue's filters from a URL (the same parameters as /incidents), the organisation named in
 * `org` resolved. An organisation that does not exist is a 404, not "every organisation": an
 * export must never hold more than was asked for.
 */
export async function resolveQueueQuery(db: Db, params: TRawParams): Promise<TIncidentQuery> {
  const { query } = parseIncidentQuery(params);
  if (query.search.kind === "invalid") throw new AppError("INVALID_INPUT", query.search.message);
  if (query.organisation && !query.organisationId) {
    const organisation = await findOrganisationChoice(db, query.organisation);
    if (!organisation) throw new AppError("NOT_FOUND", `No organisation is called "${query.organisation}".`);
    return { ...query, organisation: organisation.slug, organisationId: organisation.id };
  }
  return query;
}

/**
 * The CSV download of a queue view, audited (`incidents.export`, with the filters) before the
 * first byte goes out. `organisationIds` limits an institution to its own organisations.
 */
export async function exportIncidentsCsv(
  db: Db,
  {
    query,
    viewerId,
    organisationIds,
    audience,
    actor,
    context,
  }: {
    query: TIncidentQuery;
    viewerId: string;
    organisationIds?: readonly string[];
    audience: TExportAudience;
    actor: AuditActor;
    context?: AuditContext;
  },
): Promise<Response> {
  await recordAudit(db, {
    actor,
    action: "incidents.export",
    context,
    data: {
      format: "csv",
      filters: incidentQueryString(query, FIRST_PAGE),
      organisationIds: organisationIds ? [...organisationIds] : null,
    },
  });
  return incidentsCsvResponse(incidentsCsvStream(db, { query, viewerId, organisationIds, audience }));
}
