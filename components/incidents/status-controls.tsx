"use client";

import { useActionState } from "react";
import { changeStatusAction } from "@/app/(analyst)/incidents/[reference]/actions";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import type { ActionState } from "@/lib/http/action";
import { ActionResult } from "./action-result";

/** Verbs for the transitions an analyst makes by hand ("notified" is set by sending notices). */
export const TRANSITION_VERB: Partial<Record<IncidentStatus, string>> = {
  ACKNOWLEDGED: "Acknowledge",
  RESOLVED: "Resolve",
  CLOSED: "Close",
  REOPENED: "Reopen",
};

export function StatusControls({
  incidentId,
  reference,
  allowed,
  recipients,
}: {
  incidentId: string;
  reference: number;
  allowed: IncidentStatus[] /** Who a shown resolve, close or reopen is mailed to. */;
  recipients: string[];
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeStatusAction, {});
  const choices = allowed.filter((status) => TRANSITION_VERB[status]);
  return (
    <form action={action} className="space-y-3" aria-label="Change status">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      {/* Enter in a field must not pick a transition. */}
      <button type="submit" disabled hidden aria-hidden="true" tabIndex={-1} />
      {choices.length ? (
        <>
          <TextareaField id="status-reason" name="reason" label="Reason (optional)" rows={2} maxLength={2000} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="share" defaultChecked className="size-4 accent-sky-700" />
            Show this change to the institution
          </label>
          {choices.some((status) => status === "RESOLVED" || status === "CLOSED" || status === "REOPENED") ? (
            <p className="text-xs text-slate-600" data-testid="status-recipients">
              {recipients.length
                ? `Shown, resolving, closing or reopening also mails the notice to ${recipients.join(", ")}.`
                : "Shown, resolving, closing or reopening would mail the contacts, but none is deliverable."}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {choices.map((status) => (
              <Button
                key={status}
                type="submit"
                name="to"
                value={status}
                variant={status === "CLOSED" ? "secondary" : "primary"}
                disabled={pending}
              >
                {TRANSITION_VERB[status]}
              </Button>
            ))}
          </div>
        </>
      ) : (
        <p className="text-sm text-slate-600">No status change is available by hand from here.</p>
      )}
      <ActionResult state={state} />
    </form>
  );
}
