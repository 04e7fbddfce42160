import { readableDay } from "@/lib/time/readable-time";
import type { Metadata } from "next";
import { ContactChangeForm } from "@/components/portal/contact-change-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { db } from "@/lib/db/client";
import { pageUserWithRole } from "@/lib/http/page-guards";
import { listOwnOrganisationContacts } from "@/lib/portal/list-own-organisations";
import { CHANGE_REQUEST_KIND_LABEL, CHANGE_REQUEST_STATUS_LABEL, CONTACT_ROLE_LABEL } from "@/lib/labels";
import { NoticeLanguageForm } from "@/components/portal/notice-language-form";
import { requestContactChangeAction, setNoticeLanguageAction } from "../actions";

export const metadata: Metadata = { title: "Contacts" };

export default async function PortalContactsPage() {
  const user = await pageUserWithRole("/portal/contacts", "INSTITUTION");
  const organisations = await listOwnOrganisationContacts(db, { organisationIds: user.organisationIds });
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Contacts and address space</h1>
      {organisations.map((organisation) => (
        <section key={organisation.id} aria-labelledby={`org-${organisation.id}`} className="space-y-4">
          <h2 id={`org-${organisation.id}`} className="text-lg font-semibold">
            {organisation.name}
          </h2>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
            <Card title="Address blocks">
              <ul className="font-mono text-sm">
                {organisation.blocks.map((block) => (
                  <li key={block.network}>{block.network}</li>
                ))}
              </ul>
              <p className="mt-2 text-xs text-slate-600">Tell your CSIRT contact if this is out of date.</p>
            </Card>
            <Card title="Site contacts">
              <ul className="space-y-1 text-sm">
                {organisation.contacts.map((contact) => (
                  <li key={contact.id} className="break-words">
                    {contact.name} · <span className="break-all">{contact.email}</span>{" "}
                    <Badge>{CONTACT_ROLE_LABEL[contact.role]}</Badge>
                  </li>
                ))}
              </ul>
            </Card>
            <Card title="Request a change">
              <ContactChangeForm
                action={requestContactChangeAction}
                organisationId={organisation.id}
                contacts={organisation.contacts}
              />
            </Card>
            <Card title="Notices">
              <NoticeLanguageForm
                action={setNoticeLanguageAction}
                organisationId={organisation.id}
                language={organisation.language}
              />
            </Card>
          </div>
          {organisation.changeRequests.length ? (
            <Card title="Your requests">
              <ul className="space-y-1 text-sm">
                {organisation.changeRequests.map((request) => (
                  <li key={request.id}>
                    {readableDay(request.createdAt, organisation.timeZone)} · {CHANGE_REQUEST_KIND_LABEL[request.kind]}{" "}
                    ·{" "}
                    <Badge
                      tone={request.status === "APPROVED" ? "emerald" : request.status === "REJECTED" ? "red" : "amber"}
                    >
                      {CHANGE_REQUEST_STATUS_LABEL[request.status]}
                    </Badge>
                    {request.decisionNote ? ` — ${request.decisionNote}` : ""}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </section>
      ))}
    </div>
  );
}
