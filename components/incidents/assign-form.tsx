"use client";

import { useActionState } from "react";
import { assignAction } from "@/app/(analyst)/incidents/[reference]/actions";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import type { ActionState } from "@/lib/http/action";
import { ActionResult } from "./action-result";

export function AssignForm({
  incidentId,
  reference,
  assigneeId,
  users,
}: {
  incidentId: string;
  reference: number;
  assigneeId: string | null;
  users: Array<{ id: string; name: string }>;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(assignAction, {});
  return (
    <form action={action} className="space-y-3" aria-label="Assign incident">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      <div className="flex items-end gap-2">
        <SelectField
          id="assignee"
          name="assigneeId"
          label="Assignee"
          defaultValue={assigneeId ?? ""}
          key={assigneeId ?? "none"}
          className="flex-1"
        >
          <option value="">Unassigned</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" disabled={pending}>
          Assign
        </Button>
      </div>
      <ActionResult state={state} />
    </form>
  );
}
