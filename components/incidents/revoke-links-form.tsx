"use client";

import { useState } from "react";
import { revokeResponseLinksAction } from "@/app/(analyst)/incidents/[reference]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";

/** Withdraws every response link sent for this incident: they stop working at once, so it asks first. */
export function RevokeLinksForm({ incidentId, reference }: { incidentId: string; reference: number }) {
  const { state, pending, formProps } = useActionForm(revokeResponseLinksAction, { resetOnSuccess: false });
  const [confirming, setConfirming] = useState(false);
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        setConfirming(false);
        formProps.onSubmit(event);
      }}
      className="mt-3 space-y-2"
      aria-label="Withdraw response links"
    >
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      {confirming ? (
        <div className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-xs text-red-900">
          <p>
            Every link sent for this incident stops working at once; the institution then has to sign in. Withdraw them?
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              disabled={pending}
              className="rounded bg-red-700 px-2 py-1 font-medium text-white disabled:bg-slate-400"
            >
              Yes, withdraw the links
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="text-slate-800 underline">
              Keep them
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          disabled={pending}
          onClick={() => setConfirming(true)}
          className="text-xs text-red-800 underline disabled:text-slate-500"
        >
          Withdraw the response links sent for this incident
        </button>
      )}
      <ActionMessage state={state} />
    </form>
  );
}
