"use client";

import { useEffect, useRef, useState } from "react";
import { type AddBlockOutcome, addBlockAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { describeOverlap } from "@/lib/orgs/block-overlap";

/**
 * Adds a block. A block nested with another organisation's is not added at once: the warning
 * names the organisation(s) and the analyst confirms with "Add anyway". Editing the block
 * withdraws the warning, so a confirmation always concerns the block it was shown for.
 */
export function AddBlockForm({ organisationId, slug }: { organisationId: string; slug: string }) {
  const { state, pending, formProps } = useActionForm<AddBlockOutcome>(addBlockAction);
  // "Edited since this answer": kept against the answer itself, so a new answer starts unedited.
  const [editedAnswer, setEditedAnswer] = useState<typeof state | null>(null);
  const edited = editedAnswer === state;
  const warning = useRef<HTMLDivElement>(null);
  const confirmation = state.data?.needsConfirmation && !edited ? state.data : null;

  useEffect(() => {
    if (confirmation) warning.current?.focus();
  }, [confirmation]);

  return (
    <form {...formProps} aria-label="Add an address block" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id="block-network"
          name="network"
          label="Address block (CIDR)"
          placeholder="192.0.2.0/24 or 2001:db8::/48"
          hint="Host bits are cleared: 192.0.2.7/24 is stored as 192.0.2.0/24."
          error={state.fieldErrors?.network}
          required
          autoComplete="off"
          spellCheck={false}
          onChange={() => setEditedAnswer(state)}
        />
        <Field
          id="block-description"
          name="description"
          label="Description (optional)"
          placeholder="e.g. campus network"
          error={state.fieldErrors?.description}
        />
      </div>
      {confirmation ? (
        <div
          ref={warning}
          tabIndex={-1}
          role="alert"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
          data-testid="overlap-warning"
        >
          <p className="font-medium">
            {confirmation.network} overlaps address space of{" "}
            {confirmation.overlaps.length === 1 ? "another organisation" : "other organisations"}:
          </p>
          <ul className="list-disc pl-5">
            {confirmation.overlaps.map((overlap) => (
              <li key={overlap.blockId}>it {describeOverlap(overlap)}</li>
            ))}
          </ul>
          {confirmation.normalisedFrom ? (
            <p>You typed {confirmation.normalisedFrom}; its host bits are cleared.</p>
          ) : null}
          <p>Addresses then belong to whichever block has the longer prefix. Add it anyway?</p>
          <div className="flex gap-2">
            <Button type="submit" name="confirmOverlap" value="1" disabled={pending}>
              Add anyway
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setEditedAnswer(state);
                requestAnimationFrame(() => document.getElementById("block-network")?.focus());
              }}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Add block"}
        </Button>
      )}
      {state.data?.needsConfirmation ? null : <ActionMessage state={state} />}
    </form>
  );
}
