"use client";

import { useActionState } from "react";
import { mergeAction } from "@/app/(analyst)/incidents/[reference]/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";
import { ActionResult } from "./action-result";

export function MergeForm({ incidentId, reference }: { incidentId: string; reference: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(mergeAction, {});
  return (
    <form action={action} className="space-y-3" aria-label="Merge a duplicate">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      <Field
        id="merge-duplicate"
        name="duplicate"
        label="Duplicate's reference"
        placeholder="#1234"
        required
        hint={`It is closed as "merged into #${reference}". Same organisation only.`}
        autoComplete="off"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        Merge into #{reference}
      </Button>
      <ActionResult state={state} />
    </form>
  );
}
