"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { bulkIncidentAction } from "@/app/(analyst)/incidents/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action";
import type { BulkOutcome } from "@/lib/incidents/apply-bulk-incident-action";

const ROW = "input[data-select-row]";
const ALL = "input[data-select-all]";

export interface BulkChoice {
  value: string;
  label: string;
}

/**
 * The queue's table sits inside this form: row checkboxes select incidents, the bar above acts
 * on them. Each action reports per incident what was refused and why.
 */
export function BulkActionForm({
  assignees,
  statuses,
  total,
  filters,
  children,
}: {
  assignees: BulkChoice[];
  statuses: BulkChoice[];
  /** Incidents matching the queue view, on every page. */
  total: number;
  /** The queue view's query string: "all matching" means these filters. */
  filters: string;
  children: React.ReactNode;
}) {
  const [state, action, pending] = useActionState<ActionState<BulkOutcome>, FormData>(bulkIncidentAction, {});
  const form = useRef<HTMLFormElement>(null);
  const [selected, setSelected] = useState(0);
  const [pageRows, setPageRows] = useState(0);
  /** Every incident matching the filters is selected, not only the ticked rows of this page. */
  const [matching, setMatching] = useState(false);

  function syncSelection() {
    const rows = [...(form.current?.querySelectorAll<HTMLInputElement>(ROW) ?? [])];
    const checked = rows.filter((row) => row.checked).length;
    const all = form.current?.querySelector<HTMLInputElement>(ALL);
    if (all) {
      all.checked = rows.length > 0 && checked === rows.length;
      all.indeterminate = checked > 0 && checked < rows.length;
    }
    setSelected(checked);
    setPageRows(rows.length);
    if (checked < rows.length) setMatching(false);
  }

  function onChange(event: React.ChangeEvent<HTMLFormElement>) {
    const target = event.target as unknown as HTMLInputElement;
    if (target.matches?.(ALL)) {
      for (const row of form.current?.querySelectorAll<HTMLInputElement>(ROW) ?? []) row.checked = target.checked;
    }
    if (target.matches?.(`${ROW}, ${ALL}`)) syncSelection();
  }

  // The form is reset after each action; the count follows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each answer (`state`), reading the reset checkboxes from the DOM.
  useEffect(() => {
    syncSelection();
  }, [state]);

  const refused = state.data?.refused ?? [];
  const allOnPage = pageRows > 0 && selected === pageRows;
  const count = matching ? total : selected;
  return (
    <form
      ref={form}
      action={action}
      onChange={onChange}
      aria-label="Bulk actions on selected incidents"
      className="space-y-3"
    >
      {/* A disabled first submit button: pressing Enter in a field must not run the first action. */}
      <button type="submit" disabled hidden aria-hidden="true" tabIndex={-1} />
      <input type="hidden" name="scope" value={matching ? "matching" : "page"} />
      <input type="hidden" name="filters" value={filters} />
      <div
        role="group"
        aria-labelledby="bulk-heading"
        className="flex flex-wrap items-end gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div>
          <h2 id="bulk-heading" className="text-sm font-semibold text-slate-900">
            With selected incidents
          </h2>
          <p className="text-xs text-slate-600" aria-live="polite" data-testid="selected-count">
            {matching ? `All ${count.toLocaleString("en-GB")} matching selected` : `${selected} selected`}
          </p>
          {allOnPage ? (
            <button
              type="button"
              onClick={() => setMatching(!matching)}
              className="mt-1 text-xs font-medium text-sky-800 underline"
              data-testid="select-all-matching"
            >
              {matching
                ? "Only the incidents on this page"
                : total === 1
                  ? "Select the 1 incident matching this filter"
                  : `Select all ${total.toLocaleString("en-GB")} incidents matching this filter`}
            </button>
          ) : null}
        </div>
        <div className="flex items-end gap-2">
          <div className="space-y-1">
            <label htmlFor="bulk-assignee" className="block text-xs font-medium text-slate-700">
              Assign to
            </label>
            <select
              id="bulk-assignee"
              name="assigneeId"
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              {assignees.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <Button
            type="submit"
            name="op"
            value="assign"
            variant="secondary"
            disabled={pending || matching}
            className="py-1.5"
          >
            Assign
          </Button>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor="bulk-status" className="block text-xs font-medium text-slate-700">
              New status
            </label>
            <select
              id="bulk-status"
              name="to"
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              {statuses.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="bulk-reason" className="block text-xs font-medium text-slate-700">
              Reason
            </label>
            <input
              id="bulk-reason"
              name="reason"
              maxLength={2000}
              className="w-40 max-w-full rounded-md sm:w-48 border border-slate-300 bg-white px-2 py-1.5 text-sm"
            />
          </div>
          <Button type="submit" name="op" value="status" variant="secondary" disabled={pending} className="py-1.5">
            Change status
          </Button>
          <p className="w-full text-xs text-slate-600" data-testid="bulk-status-notice">
            Resolving, closing or reopening mails each incident&apos;s site contacts the matching notice at once.
            {matching ? " Every matching incident is changed in the background, in batches." : null}
          </p>
        </div>
        <Button
          type="submit"
          name="op"
          value="notify"
          variant="secondary"
          disabled={pending || matching}
          className="py-1.5"
        >
          Queue notifications
        </Button>
      </div>
      {state.error ? (
        <Alert tone="error">
          {state.error}
          {state.fieldErrors ? ` ${Object.values(state.fieldErrors).join(" ")}` : null}
        </Alert>
      ) : null}
      {state.ok ? <Alert tone="success">{state.message}</Alert> : null}
      {refused.length ? (
        <Alert tone="error">
          <p className="font-medium">
            Refused for {refused.length === 1 ? "1 incident" : `${refused.length} incidents`}:
          </p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="bulk-refusals">
            {refused.map((item) => (
              <li key={item.reference}>
                #{item.reference}: {item.reason}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {children}
    </form>
  );
}
