import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { pageUserWithRole } from "@/lib/http/page-guards";
import { isLanguage, type LanguageCode, languageOr } from "@/lib/i18n/languages";
import { listOwnOrganisations } from "@/lib/portal/list-own-organisations";
import { retentionPolicy } from "@/lib/retention/retention-policy";
import { retentionPolicyText } from "@/lib/retention/retention-policy-text";
import { getSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "Data retention" };

type Props = { searchParams: Promise<{ lang?: string | string[] }> };

/** The retention periods in force, as institutions read them: their organisation's language unless they pick the other. */
export default async function PortalDataRetentionPage({ searchParams }: Props) {
  const user = await pageUserWithRole("/portal/data-retention", "INSTITUTION");
  const asked = (await searchParams).lang;
  const [organisations, settings] = await Promise.all([
    listOwnOrganisations(db, { organisationIds: user.organisationIds }),
    getSettings(db),
  ]);
  const language: LanguageCode = isLanguage(asked) ? asked : languageOr(organisations[0]?.language);
  const text = retentionPolicyText(retentionPolicy(settings), language);
  const other: LanguageCode = language === "de" ? "en" : "de";
  return (
    <div className="max-w-3xl space-y-6" lang={language}>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{text.title}</h1>
        <Link href={`/portal/data-retention?lang=${other}`} lang={other} className="text-sm text-sky-700 underline">
          {text.languageSwitch}
        </Link>
      </div>
      <p className="text-sm text-slate-700">{text.intro}</p>
      <dl
        className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
        data-testid="retention-policy"
      >
        {text.rows.map((row) => (
          <div key={row.kind} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[1fr_max-content] sm:gap-4">
            <dt className="text-slate-800">{row.label}</dt>
            <dd className="font-medium tabular-nums sm:text-right">
              <span className="sr-only">{text.periodHeading}: </span>
              {row.period}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-700">{text.whatWeKeep}</p>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
        {text.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
