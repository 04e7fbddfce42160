import { countOf } from "@/lib/labels";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AddAllowListForm } from "@/components/orgs/add-allow-list-form";
import { AddBlockForm } from "@/components/orgs/add-block-form";
import { AddContactForm } from "@/components/orgs/add-contact-form";
import { AddMemberForm } from "@/components/orgs/add-member-form";
import { AllowListTable } from "@/components/orgs/allow-list-table";
import { BlocksTable } from "@/components/orgs/blocks-table";
import { ContactsTable } from "@/components/orgs/contacts-table";
import { IncidentHistory } from "@/components/orgs/incident-history";
import { MembersTable } from "@/components/orgs/members-table";
import { NoticeFormatsForm } from "@/components/orgs/notice-formats-form";
import { setNoticeFormatsAction } from "./actions";
import { NotificationPolicyForm } from "@/components/orgs/notification-policy-form";
import { DeliveryModeForm } from "@/components/orgs/delivery-mode-form";
import { NoticeOutcomeSummary } from "@/components/notify/notice-outcomes";
import { countNoticeOutcomes } from "@/lib/notify/list-notice-outcomes";
import { describeDeliveryMode, minuteOfDayLabel } from "@/lib/notify/digest-schedule";
import { TimeZoneForm } from "@/components/orgs/time-zone-form";
import { LanguageForm } from "@/components/orgs/language-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/loading-block";
import { PageHeader } from "@/components/ui/page-header";
import { currentUser, isStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { pageStaff } from "@/lib/http/page-guards";
import { languageName } from "@/lib/i18n/languages";
import { SLUG_PATTERN } from "@/lib/orgs/organisation-import";
import {
  findOrganisationSummary,
  getOrganisationDetail,
  INCIDENT_HISTORY_LIMIT,
} from "@/lib/orgs/get-organisation-detail";

type Params = Promise<{ slug: string }>;

async function load(slug: string) {
  try {
    return await getOrganisationDetail(db, { slug });
  } catch (error) {
    if (isAppError(error, "NOT_FOUND")) notFound();
    throw error;
  }
}

/** Metadata renders before the page's guard: it names the organisation only to staff. */
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await currentUser();
  if (!user || !isStaff(user)) return { title: "Organisation" };
  const { slug } = await params;
  const organisation = SLUG_PATTERN.test(slug) ? await findOrganisationSummary(db, { slug }) : null;
  return { title: organisation?.name ?? "Organisation" };
}

/** Guard and slug lookup first, so refusals are real 403s and unknown slugs real 404s; the sections stream in after. */
/** The IANA names this runtime knows, UTC first, for the time zone field's suggestions. */
const TIME_ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];

export default async function OrganisationPage({ params }: { params: Params }) {
  const { slug } = await params;
  await pageStaff(`/organisations/${encodeURIComponent(slug)}`);
  // Not a slug we could have made (e.g. a NUL byte, which PostgreSQL refuses in text): no such page.
  if (!SLUG_PATTERN.test(slug)) notFound();
  const organisation = await findOrganisationSummary(db, { slug });
  if (!organisation) notFound();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/organisations" className="text-sky-700 underline-offset-2 hover:underline">
          Organisations
        </Link>
        <span aria-hidden="true" className="px-2 text-slate-400">
          /
        </span>
        <span aria-current="page">{organisation.name}</span>
      </nav>
      <PageHeader
        title={organisation.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{organisation.slug}</span>
            {organisation.country ? <Badge>{organisation.country}</Badge> : null}
            <Badge tone="sky">notices in {languageName(organisation.language)}</Badge>
            {organisation.active ? null : <Badge tone="red">inactive</Badge>}
            <Badge tone={organisation.notificationPolicy === "AUTOMATIC" ? "emerald" : "amber"}>
              {organisation.notificationPolicy === "AUTOMATIC"
                ? "notices sent automatically"
                : "notices held for approval"}
            </Badge>
          </span>
        }
      />
      <Suspense fallback={<LoadingBlock label="Loading the organisation…" height="h-96" />}>
        <OrganisationSections slug={organisation.slug} />
      </Suspense>
    </div>
  );
}

async function OrganisationSections({ slug }: { slug: string }) {
  const { organisation, overlaps, incidents, incidentTotal } = await load(slug);
  const noticeCounts = await countNoticeOutcomes(db, { organisationId: organisation.id });
  const now = new Date();
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
    .toISOString()
    .slice(0, 10);
  const ref = { organisationId: organisation.id, slug: organisation.slug };
  const activeContacts = organisation.contacts.filter((contact) => contact.active).length;

  return (
    <div className="space-y-6">
      <Card title="Address blocks">
        <div className="space-y-4">
          {organisation.blocks.length === 0 ? (
            <EmptyState title="No address blocks">
              Without blocks, no flow is attributed to this organisation.
            </EmptyState>
          ) : (
            <BlocksTable blocks={organisation.blocks} overlaps={overlaps} {...ref} />
          )}
          <AddBlockForm {...ref} />
        </div>
      </Card>

      <Card title="Contacts">
        <div className="space-y-4">
          {activeContacts === 0 ? (
            <Alert tone="error">
              This organisation has no active contact: notices about its incidents cannot be sent.
            </Alert>
          ) : null}
          {organisation.contacts.length > 0 ? <ContactsTable contacts={organisation.contacts} {...ref} /> : null}
          <h3 className="text-sm font-semibold text-slate-900">Add a contact</h3>
          <AddContactForm {...ref} />
        </div>
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Users">
          <div className="space-y-4">
            <p className="text-sm text-slate-600">
              Institution users who see this organisation&apos;s incidents in the portal.
            </p>
            {organisation.memberships.length === 0 ? (
              <EmptyState title="No members yet" />
            ) : (
              <MembersTable members={organisation.memberships} {...ref} />
            )}
            <AddMemberForm {...ref} />
          </div>
        </Card>
        <Card title="Notification policy">
          <div className="space-y-6">
            <NotificationPolicyForm {...ref} policy={organisation.notificationPolicy} />
            <TimeZoneForm {...ref} timeZone={organisation.timeZone} zones={TIME_ZONES} />
            <LanguageForm {...ref} language={organisation.language} />
          </div>
        </Card>
        <Card title="Delivery">
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              Now: <span className="font-medium">{describeDeliveryMode(organisation)}</span>
            </p>
            <DeliveryModeForm
              {...ref}
              mode={organisation.deliveryMode}
              everyHours={organisation.digestEveryHours}
              dailyAt={organisation.digestAtMinute === null ? null : minuteOfDayLabel(organisation.digestAtMinute)}
              timeZone={organisation.timeZone}
            />
          </div>
        </Card>
        <Card title="Notice formats">
          <NoticeFormatsForm
            {...ref}
            action={setNoticeFormatsAction}
            formats={{
              attachXarf: organisation.attachXarf,
              attachIodef: organisation.attachIodef,
              requireEncryption: organisation.requireEncryption,
            }}
          />
        </Card>
      </div>

      <Card title="What happened to its notices">
        <div className="space-y-2">
          <p className="text-sm text-slate-600">Every notice about its incidents, by what became of it.</p>
          <NoticeOutcomeSummary counts={noticeCounts} />
        </div>
      </Card>

      <Card title="Suppressions">
        <div className="space-y-4">
          <p className="text-sm text-slate-600">
            Sources this organisation scans from on purpose. The detector ignores a source only while its suppression is
            approved and has not ended; hits are the flows it held back. Institutions ask for them in the portal; refuse
            one (with a reason) on the Requests page.
          </p>
          {organisation.allowList.length === 0 ? (
            <EmptyState title="No suppressions" />
          ) : (
            <AllowListTable entries={organisation.allowList} now={now} {...ref} />
          )}
          <AddAllowListForm {...ref} minDate={tomorrow} />
        </div>
      </Card>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          Incident history
        </h2>
        {incidents.length === 0 ? (
          <EmptyState title="No incidents for this organisation" />
        ) : (
          <>
            <IncidentHistory incidents={incidents} caption={`Latest incidents of ${organisation.name}, newest first`} />
            <p className="text-xs text-slate-600">
              {incidentTotal > INCIDENT_HISTORY_LIMIT
                ? `The latest ${INCIDENT_HISTORY_LIMIT} of ${countOf(incidentTotal, "incident")}. `
                : `${countOf(incidentTotal, "incident")}.`}
              {incidentTotal > INCIDENT_HISTORY_LIMIT ? (
                <Link
                  href={`/incidents?status=all&org=${encodeURIComponent(organisation.slug)}`}
                  className="text-sky-700 underline"
                >
                  All of them in the queue
                </Link>
              ) : null}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
