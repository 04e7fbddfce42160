"use client";

import { useActionState } from "react";
import { changeEvidenceTlpAction, changeTlpAction } from "@/app/(analyst)/incidents/[reference]/actions";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import type { Tlp } from "@/lib/generated/prisma/enums";
import type { ActionState } from "@/lib/http/action";
import { TLP_LEVELS, tlpLabel, tlpRank } from "@/lib/tlp/tlp";
import { ActionResult } from "./action-result";

/** The incident's marking: the change is on the timeline (shared with the institution) and in the audit log. */
export function TlpForm({ incidentId, reference, tlp }: { incidentId: string; reference: number; tlp: Tlp }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeTlpAction, {});
  return (
    <form action={action} className="space-y-3" aria-label="Change the TLP">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      <div className="flex items-end gap-2">
        <SelectField id="tlp" name="tlp" label="Marking" defaultValue={tlp} key={tlp} className="flex-1">
          {TLP_LEVELS.map((level) => (
            <option key={level} value={level}>
              {tlpLabel(level)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" disabled={pending}>
          Change
        </Button>
      </div>
      <ActionResult state={state} />
    </form>
  );
}

/** One file marked stricter than its incident, or back to the incident's marking. */
export function EvidenceTlpForm({
  incidentId,
  reference,
  incidentTlp,
  evidence,
}: {
  incidentId: string;
  reference: number;
  incidentTlp: Tlp;
  evidence: { id: string; fileName: string; tlp: Tlp | null };
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeEvidenceTlpAction, {});
  const stricter = TLP_LEVELS.filter((level) => tlpRank(level) > tlpRank(incidentTlp));
  const id = `tlp-${evidence.id}`;
  return (
    <form action={action} className="space-y-2" aria-label={`TLP of ${evidence.fileName}`}>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="evidenceId" value={evidence.id} />
      <div className="flex items-end gap-2">
        <SelectField
          id={id}
          name="tlp"
          label={evidence.fileName}
          defaultValue={evidence.tlp && stricter.includes(evidence.tlp) ? evidence.tlp : "inherit"}
          key={`${incidentTlp}-${evidence.tlp}`}
          className="min-w-0 flex-1"
        >
          <option value="inherit">{`As the incident (${tlpLabel(incidentTlp)})`}</option>
          {stricter.map((level) => (
            <option key={level} value={level}>
              {tlpLabel(level)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" disabled={pending}>
          Set
        </Button>
      </div>
      <ActionResult state={state} />
    </form>
  );
}
