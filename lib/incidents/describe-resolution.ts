import { rootCauseLabel } from "@/lib/portal/response-options";

const INSTITUTION_PREFIX = "institution: ";

export interface ResolutionSummary {
  byInstitution: boolean;
  /** Who resolved it, as recorded ("security@example-college.example"), without the "institution:" prefix. */
  by: string | null;
  rootCause: string | null;
}

/** How an incident was resolved, for the queue row and the top of the incident page; null while nobody has. */
export function describeResolution({
  rootCause,
  resolvedBy,
}: {
  rootCause: string | null;
  resolvedBy: string | null;
}): ResolutionSummary | null {
  if (!rootCause && !resolvedBy) return null;
  const byInstitution = resolvedBy?.startsWith(INSTITUTION_PREFIX) ?? false;
  return {
    byInstitution,
    by: byInstitution ? resolvedBy!.slice(INSTITUTION_PREFIX.length) : resolvedBy,
    rootCause: rootCauseLabel(rootCause),
  };
}
