import type { Metadata } from "next";
import { RequestSuppressionForm } from "@/components/suppressions/request-suppression-form";
import { SuppressionList } from "@/components/suppressions/suppression-list";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { pageUserWithRole } from "@/lib/http/page-guards";
import { getSettings } from "@/lib/settings/get-settings";
import { listOwnSuppressions } from "@/lib/suppressions/list-suppressions";
import { requestSuppressionAction } from "../actions";

export const metadata: Metadata = { title: "Suppressions" };

const DAY_MS = 86_400_000;

export default async function PortalSuppressionsPage() {
  const user = await pageUserWithRole("/portal/suppressions", "INSTITUTION");
  const now = new Date();
  const [organisations, settings] = await Promise.all([
    listOwnSuppressions(db, { organisationIds: user.organisationIds, now }),
    getSettings(db),
  ]);
  const maxDays = settings["suppression.maxDays"];
  const warningDays = settings["suppression.expiryWarningDays"];
  const minDate = new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10);
  const maxDate = new Date(now.getTime() + maxDays * DAY_MS).toISOString().slice(0, 10);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Suppressions</h1>
        <p className="max-w-3xl text-sm text-slate-700">
          A suppression asks us to leave a source of yours alone for a while — your own vulnerability scanner, a
          research project. An analyst approves it first. We write to your contacts{" "}
          {warningDays === 7 ? "a week" : `${warningDays} days`} before it ends.
        </p>
      </div>
      {organisations.map((organisation) => (
        <section key={organisation.id} aria-labelledby={`org-${organisation.id}`} className="space-y-4">
          <h2 id={`org-${organisation.id}`} className="text-lg font-semibold break-words">
            {organisation.name}
          </h2>
          <Card title="Ask for a suppression">
            <p className="mb-3 text-xs text-slate-600">
              Your address space:{" "}
              <span className="font-mono break-all">
                {organisation.blocks.map((block) => block.network).join(", ") || "none recorded"}
              </span>
            </p>
            <RequestSuppressionForm
              action={requestSuppressionAction}
              organisationId={organisation.id}
              organisationName={organisation.name}
              minDate={minDate}
              maxDate={maxDate}
              maxDays={maxDays}
            />
          </Card>
          {organisation.suppressions.length === 0 ? (
            <EmptyState title="No suppressions yet" />
          ) : (
            <SuppressionList rows={organisation.suppressions} timeZone={organisation.timeZone} />
          )}
        </section>
      ))}
    </div>
  );
}
