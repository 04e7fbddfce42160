import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CsvColumnsHelp } from "@/components/orgs/csv-columns-help";
import { ImportOrganisationsForm } from "@/components/orgs/import-organisations-form";
import { OrganisationsTable } from "@/components/orgs/organisations-table";
import { Button, buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/loading-block";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { firstParam, pageParam } from "@/lib/http/search-params";
import { searchOrganisations } from "@/lib/orgs/search-organisations";

export const metadata: Metadata = { title: "Organisations" };

const KIND_TEXT = {
  address: "whose blocks contain",
  block: "whose blocks overlap",
  text: "matching",
  all: "",
} as const;

/**
 * The guard runs before anything streams, so a refusal is a real 403; the results stream in
 * behind a skeleton (a loading.tsx would start the response before the guard and fix it at 200).
 */
export default async function OrganisationsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}) {
  await pageStaff("/organisations");
  const params = await searchParams;
  // Control characters cannot be in a name (and a NUL would fail the query).
  const query = (firstParam(params.q)?.trim() ?? "").replace(/[\u0000-\u001f\u007f]/g, "");
  const page = pageParam(params.page);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Member organisations"
        description="Their address blocks, contacts, users, allow-lists and incidents."
        actions={
          <a href="/organisations/export.csv" download className={buttonClassName("secondary")}>
            Export CSV
          </a>
        }
      />
      <form role="search" aria-label="Organisations" method="get" className="flex flex-wrap items-end gap-3">
        <div className="min-w-72 flex-1 space-y-1">
          <label htmlFor="org-search" className="block text-sm font-medium text-slate-800">
            Search organisations
          </label>
          <input
            id="org-search"
            name="q"
            type="search"
            defaultValue={query}
            aria-describedby="org-search-hint"
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-600"
          />
          <p id="org-search-hint" className="text-xs text-slate-600">
            A name or slug, an IP address (finds the block that holds it) or a CIDR block (finds overlapping blocks).
          </p>
        </div>
        <div className="flex gap-2 pb-5">
          <Button type="submit">Search</Button>
          {query ? (
            <Link href="/organisations" className={buttonClassName("secondary")}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      <Suspense key={`${query} ${page}`} fallback={<LoadingBlock label="Loading organisations…" />}>
        <OrganisationResults query={query} page={page} />
      </Suspense>
      <Card title="Import from CSV">
        <div className="space-y-4">
          <ImportOrganisationsForm />
          <CsvColumnsHelp />
        </div>
      </Card>
    </div>
  );
}

function organisationsHref(query: string, page: number): string {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `/organisations?${text}` : "/organisations";
}

async function OrganisationResults({ query, page: requestedPage }: { query: string; page: number }) {
  const { kind, organisations, total, page, pageCount } = await searchOrganisations(db, { query, page: requestedPage });
  const count = `${total.toLocaleString("en-GB")} ${total === 1 ? "organisation" : "organisations"}`;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" role="status">
        {kind === "all" ? (
          count
        ) : (
          <>
            {count} {KIND_TEXT[kind]} <strong className="font-mono">{query}</strong>
          </>
        )}
      </p>
      {organisations.length === 0 ? (
        query ? (
          <EmptyState title="No organisation matches">
            Try part of the name, or an address inside one of its blocks.
          </EmptyState>
        ) : (
          <EmptyState title="No organisations yet">
            Import them below, or with <code>npm run csirt -- orgs import members.csv</code>.
          </EmptyState>
        )
      ) : (
        <>
          <OrganisationsTable organisations={organisations} />
          {pageCount > 1 ? (
            <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
              {page > 1 ? (
                <Link href={organisationsHref(query, page - 1)} rel="prev" className="text-sky-700 underline">
                  Previous page
                </Link>
              ) : (
                <span className="text-slate-400">Previous page</span>
              )}
              <span className="tabular-nums">
                Page {page} of {pageCount}
              </span>
              {page < pageCount ? (
                <Link href={organisationsHref(query, page + 1)} rel="next" className="text-sky-700 underline">
                  Next page
                </Link>
              ) : (
                <span className="text-slate-400">Next page</span>
              )}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
