import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { RetentionPreviewList, RetentionRunsTable } from "@/components/settings/retention-preview";
import { LoadingBlock } from "@/components/ui/loading-block";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { listRetentionRuns } from "@/lib/retention/list-retention-runs";
import { previewRetention } from "@/lib/retention/preview-retention";

export const metadata: Metadata = { title: "Retention" };

/** What the nightly retention job will remove next, counted with the job's own conditions, and what it did. */
export default async function RetentionPage() {
  await pageStaff("/settings/retention");
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/settings" className="text-sky-700 underline-offset-2 hover:underline">
          ← Settings
        </Link>
      </p>
      <PageHeader
        title="Retention"
        description="Every night at 03:41 UTC the retention job deletes or anonymises what is older than the periods below. Open incidents and incidents under legal hold are never touched. Change the periods on the settings page (Retention)."
      />
      <Suspense fallback={<LoadingBlock label="Counting what is due…" height="h-96" />}>
        <RetentionSections />
      </Suspense>
    </div>
  );
}

async function RetentionSections() {
  const [preview, runs] = await Promise.all([previewRetention(db), listRetentionRuns(db)]);
  return (
    <div className="space-y-8">
      <section aria-labelledby="next-run-heading" className="space-y-3">
        <h2 id="next-run-heading" className="text-lg font-semibold">
          The next run
        </h2>
        <RetentionPreviewList rows={preview} />
      </section>
      <section aria-labelledby="runs-heading" className="space-y-3">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Past runs
        </h2>
        <RetentionRunsTable runs={runs} />
      </section>
    </div>
  );
}
