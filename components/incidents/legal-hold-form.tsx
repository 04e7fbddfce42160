"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import type { ActionState } from "@/lib/http/action";
import { ActionResult } from "./action-result";

/** Set or lift an incident's legal hold, with the reason (recorded on the timeline and in the audit log). */
export function LegalHoldForm({
  incidentId,
  reference,
  held,
  anonymised,
  action,
}: {
  incidentId: string;
  reference: number;
  held: boolean;
  anonymised: boolean;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, {});
  if (anonymised && !held) {
    return (
      <p className="text-sm text-slate-600">Anonymised after the retention period: there is nothing left to hold.</p>
    );
  }
  return (
    <form action={formAction} className="space-y-3" aria-label="Legal hold">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="hold" value={held ? "clear" : "set"} />
      <TextareaField
        id="legal-hold-reason"
        name="reason"
        label={held ? "Why the hold can be lifted" : "Why it must be kept"}
        rows={2}
        required
        minLength={3}
        maxLength={500}
        hint={held ? undefined : "A case number or who asked. Retention will not delete or anonymise it while held."}
      />
      <Button type="submit" variant={held ? "secondary" : "primary"} disabled={pending}>
        {held ? "Lift legal hold" : "Set legal hold"}
      </Button>
      <ActionResult state={state} />
    </form>
  );
}
