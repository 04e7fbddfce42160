"use client";

import { revokeResponseLinksAction } from "@/app/(analyst)/incidents/[reference]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";

/** Withdraws every response link sent for this incident: they stop working at once. */
export function RevokeLinksForm({ incidentId, reference }: { incidentId: string; reference: number }) {
  const { state, pending, formProps } = useActionForm(revokeResponseLinksAction, { resetOnSuccess: false });
  return (
    <form {...formProps} className="mt-3 space-y-2" aria-label="Withdraw response links">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      <button type="submit" disabled={pending} className="text-xs text-red-800 underline disabled:text-slate-400">Withdraw the response links sent for this incident</button>
      <ActionMessage state={state} />
    </form>
  );
}
