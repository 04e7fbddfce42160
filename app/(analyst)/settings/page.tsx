import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CsirtKeyCard } from "@/components/settings/csirt-key-card";
import { SettingChangesTable } from "@/components/settings/setting-changes-table";
import type { SettingView } from "@/components/settings/setting-groups";
import { SettingsForm } from "@/components/settings/settings-form";
import { SettingsReadOnly } from "@/components/settings/settings-read-only";
import { Alert } from "@/components/ui/alert";
import { LoadingBlock } from "@/components/ui/loading-block";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { getCsirtKey } from "@/lib/notify/openpgp/get-csirt-key";
import { reportSender } from "@/lib/notify/reports/report-sender";
import { SETTINGS, type SettingKey } from "@/lib/settings/definitions";
import { getSettings } from "@/lib/settings/get-settings";
import { listSettingChanges } from "@/lib/settings/list-setting-changes";
import { generateCsirtKeyAction, importCsirtKeyAction } from "./actions";
import { formatSettingValue, isListSetting } from "@/lib/settings/setting-input";

export const metadata: Metadata = { title: "Settings" };

/** Guard first (a refusal is a real 403), then the values and their history stream in. */
export default async function SettingsPage() {
  const user = await pageStaff("/settings");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description="Detection thresholds, evidence sizes and notification defaults. The worker reads them at the start of each run."
        actions={
          <>
            <Link href="/settings/webhooks" className="text-sm text-sky-800 underline">
              Webhooks
            </Link>
            {user.role === "ADMIN" ? (
              <Link href="/settings/api-tokens" className="text-sm text-sky-800 underline">
                API tokens
              </Link>
            ) : null}
          </>
        }
      />
      <p className="text-sm">
        <Link href="/settings/retention" className="text-sky-700 underline">
          Retention: what the next nightly run will delete or anonymise, and past runs
        </Link>
      </p>
      <Suspense fallback={<LoadingBlock label="Loading settings…" height="h-96" />}>
        <SettingsSections canEdit={user.role === "ADMIN"} />
      </Suspense>
    </div>
  );
}

async function SettingsSections({ canEdit }: { canEdit: boolean }) {
  const [values, changes, signing] = await Promise.all([
    getSettings(db),
    listSettingChanges(db, { limit: 25 }),
    getCsirtKey(db),
  ]);
  const settings: SettingView[] = (Object.keys(SETTINGS) as SettingKey[]).map((key) => ({
    key,
    label: SETTINGS[key].label,
    value: formatSettingValue(values[key]),
    defaultValue: formatSettingValue(SETTINGS[key].default),
    list: isListSetting(key),
    emptyAllowed: "textList" in SETTINGS[key],
  }));
  return (
    <div className="space-y-6">
      {canEdit ? (
        <SettingsForm settings={settings} />
      ) : (
        <>
          <Alert tone="info">Only administrators can change settings.</Alert>
          <SettingsReadOnly settings={settings} />
        </>
      )}
      <CsirtKeyCard
        signing={signing}
        canEdit={canEdit}
        defaults={reportSender()}
        generateAction={generateCsirtKeyAction}
        importAction={importCsirtKeyAction}
      />
      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading" className="text-lg font-semibold">
          Recent changes
        </h2>
        <SettingChangesTable changes={changes} />
      </section>
    </div>
  );
}
