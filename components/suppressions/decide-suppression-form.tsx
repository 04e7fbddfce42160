"use client";

import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import type { FormAction } from "@/lib/http/action";

/** Approve a pending suppression, or refuse it with a reason the institution reads in the portal. */
export function DecideSuppressionForm({
  action,
  organisationId,
  entryId,
  network,
}: {
  action: FormAction<unknown>;
  organisationId: string;
  entryId: string;
  network: string;
}) {
  const { state, pending, formProps } = useActionForm(action);
  const reasonId = `refuse-reason-${entryId}`;
  return (
    <form {...formProps} className="space-y-2" aria-label={`Decide on the suppression of ${network}`}>
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="entryId" value={entryId} />
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <button
          type="submit"
          name="decision"
          value="approve"
          disabled={pending}
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:bg-sky-300"
        >
          Approve
        </button>
        <div className="flex w-full flex-wrap items-end gap-2 sm:w-auto">
          <div className="min-w-0 flex-1 sm:w-80 sm:flex-none">
            <label htmlFor={reasonId} className="block text-xs font-medium text-slate-700">
              Or refuse, saying why (the institution reads it)
            </label>
            <input
              id={reasonId}
              name="reason"
              maxLength={1000}
              aria-invalid={state.fieldErrors?.reason ? true : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            />
          </div>
          <button
            type="submit"
            name="decision"
            value="refuse"
            disabled={pending}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
          >
            Refuse
          </button>
        </div>
      </div>
      {state.fieldErrors?.reason ? (
        <p role="alert" className="text-xs text-red-700">
          {state.fieldErrors.reason}
        </p>
      ) : null}
      <ActionMessage state={state} />
    </form>
  );
}
