"use client";

import { importOrganisationsCsvAction } from "@/app/(analyst)/organisations/actions";
import { useActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { CsvImportReport } from "@/lib/orgs/import-organisations-csv";
import { MAX_ORGANISATIONS_CSV_BYTES, organisationsCsvTooLarge } from "@/lib/orgs/organisations-csv-columns";

function csvTooLarge(form: HTMLFormElement): string | null {
  const file = (form.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
  return file && file.size > MAX_ORGANISATIONS_CSV_BYTES ? organisationsCsvTooLarge : null;
}

/** Upload the organisations CSV; every problem comes back with its line number, and nothing is imported until the file is clean. */
export function ImportOrganisationsForm() {
  const { state, pending, formProps } = useActionForm<CsvImportReport>(importOrganisationsCsvAction, {
    check: csvTooLarge,
  });
  const report = state.data;
  return (
    <form {...formProps} aria-label="Import organisations from CSV" className="space-y-3">
      <div className="space-y-1">
        <label htmlFor="csv-file" className="block text-sm font-medium text-slate-800">
          Organisations CSV file
        </label>
        <input
          id="csv-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby="csv-file-hint"
          aria-invalid={state.fieldErrors?.file ? true : undefined}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-100"
        />
        <p id="csv-file-hint" className="text-xs text-slate-600">
          Same columns as <code>npm run csirt -- orgs import</code>. Adds and updates; never removes.
        </p>
        {state.fieldErrors?.file ? <p className="text-xs text-red-700">{state.fieldErrors.file}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="import" disabled={pending}>
          {pending ? "Reading…" : "Import"}
        </Button>
        <Button type="submit" name="intent" value="check" variant="secondary" disabled={pending}>
          Check only
        </Button>
      </div>
      {state.error && !report ? <Alert tone="error">{state.error}</Alert> : null}
      {report ? <ImportReport report={report} pending={pending} /> : null}
    </form>
  );
}

function ImportReport({ report, pending }: { report: CsvImportReport; pending: boolean }) {
  const failed = report.errors.length > 0 || report.refusal !== null || report.needsConfirmation;
  return (
    <div className="space-y-3" data-testid="import-report">
      {report.errors.length > 0 ? (
        <Alert tone="error">
          <p className="font-medium">
            {report.errors.length === 1 ? "1 problem" : `${report.errors.length} problems`} in the file: nothing was
            imported. Correct the lines below and upload it again.
          </p>
          <IssueList issues={report.errors} label="Problems by line" />
        </Alert>
      ) : null}
      {report.refusal ? <Alert tone="error">{report.refusal}</Alert> : null}
      {!failed && report.summary ? (
        <Alert tone="success">
          Imported. Organisations: {report.summary.organisationsCreated} created, {report.summary.organisationsUpdated}{" "}
          updated; blocks: {report.summary.blocksAdded} added; contacts: {report.summary.contactsAdded} added,{" "}
          {report.summary.contactsUpdated} updated.
        </Alert>
      ) : null}
      {!failed && !report.imported ? (
        <Alert tone="info">
          The file is clean: {report.organisations} organisations would be imported. Nothing was changed.
        </Alert>
      ) : null}
      {report.overlaps.length > 0 ? (
        <div
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
          data-testid="import-overlaps"
        >
          <p className="font-medium">
            {report.overlaps.length === 1 ? "1 block overlaps" : `${report.overlaps.length} blocks overlap`} another
            member&apos;s block
            {report.needsConfirmation
              ? ": nothing was imported yet."
              : report.imported
                ? " (imported as you chose)."
                : "."}
          </p>
          <ul aria-label="Overlapping blocks" className="max-h-72 space-y-1 overflow-y-auto">
            {report.overlaps.map((overlap) => (
              <li key={overlap}>{overlap}</li>
            ))}
          </ul>
          {report.needsConfirmation ? (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" name="intent" value="import-anyway" disabled={pending}>
                Import anyway
              </Button>
              <span>or correct the file and upload it again.</span>
            </div>
          ) : null}
        </div>
      ) : null}
      {report.warnings.length > 0 ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-medium">
            {report.warnings.length === 1 ? "1 warning" : `${report.warnings.length} warnings`}
          </p>
          <IssueList issues={report.warnings} label="Warnings by line" />
        </div>
      ) : null}
    </div>
  );
}

function IssueList({ issues, label }: { issues: CsvImportReport["errors"]; label: string }) {
  return (
    <ul aria-label={label} className="mt-2 max-h-72 space-y-1 overflow-y-auto">
      {issues.map((issue) => (
        <li key={`${issue.line}:${issue.message}`}>
          <span className="font-mono font-medium">Line {issue.line}:</span> {issue.message}
        </li>
      ))}
    </ul>
  );
}
