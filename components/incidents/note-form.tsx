"use client";

import { useActionState } from "react";
import { addNoteAction } from "@/app/(analyst)/incidents/[reference]/actions";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import type { ActionState } from "@/lib/http/action";
import { ActionResult } from "./action-result";

export function NoteForm({ incidentId, reference }: { incidentId: string; reference: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(addNoteAction, {});
  return (
    <form action={action} className="space-y-3" aria-label="Add a note">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      <TextareaField
        id="note-text"
        name="text"
        label="Note"
        rows={3}
        required
        maxLength={10_000}
        hint="Internal unless you share it: institutions see shared notes on their portal."
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="share" className="size-4 accent-sky-700" />
        Share with the institution
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add note"}
      </Button>
      <ActionResult state={state} />
    </form>
  );
}
