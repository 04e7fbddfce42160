import type { AuditContext } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { setOrganisationLanguage } from "@/lib/orgs/set-organisation-language";

/** An institution user chooses the language of their own organisation's notices (audited as them). */
export async function setOwnNoticeLanguage(
  db: Db,
  {
    user,
    organisationId,
    language,
    context,
  }: { user: CurrentUser; organisationId: string; language: string; context?: AuditContext },
): Promise<{ changed: boolean }> {
  if (user.role !== "INSTITUTION" || !user.organisationIds.includes(organisationId))
    throw new AppError("NOT_FOUND", "No such organisation.");
  return setOrganisationLanguage(db, {
    organisationId,
    language,
    actor: { id: user.id, label: user.email },
    context,
  });
}
