"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action";
import {
  attachmentProblem,
  RESPONSE_ATTACHMENT_LIMITS,
  RESPONSE_STEPS,
  ROOT_CAUSES,
} from "@/lib/portal/response-options";

type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

function Outcome({ state }: { state: ActionState }) {
  if (state.error) return <Alert tone="error">{state.error}</Alert>;
  if (state.ok) return <Alert tone="success">{state.message}</Alert>;
  return null;
}

export function AcknowledgeForm({ action, hidden }: { action: FormAction; hidden: Record<string, string> }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="space-y-2" aria-label="Acknowledge">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p className="text-sm text-slate-700">Tell us you have seen this and are looking into it.</p>
      <Button type="submit" disabled={pending}>
        Acknowledge
      </Button>
      <Outcome state={state} />
    </form>
  );
}

/** `ticked`: steps ticked in earlier responses, each with the line saying who ticked it and when. */
export function RespondForm({
  action,
  hidden,
  ticked = {},
}: {
  action: FormAction;
  hidden: Record<string, string>;
  ticked?: Record<string, string>;
}) {
  const [state, run, pending] = useActionState(action, {});
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  function checkFiles(event: React.FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem("files") as HTMLInputElement | null;
    const problem = attachmentProblem(Array.from(input?.files ?? []));
    setTooLarge(problem);
    if (problem) event.preventDefault();
  }
  return (
    <form action={run} onSubmit={checkFiles} className="space-y-3" aria-label="Respond">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset>
        <legend className="text-sm font-medium">What have you done so far?</legend>
        <div className="mt-2 space-y-1">
          {RESPONSE_STEPS.map((step) => (
            <label key={step.key} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="steps"
                value={step.key}
                defaultChecked={Boolean(ticked[step.key])}
                className="mt-1"
              />
              <span>
                {step.label}
                {ticked[step.key] ? (
                  <span className="block text-xs text-slate-600" data-testid="ticked-by">
                    {ticked[step.key]}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="response-text" className="block text-sm font-medium">
          Notes for the CSIRT
        </label>
        <textarea
          id="response-text"
          name="text"
          rows={4}
          maxLength={10000}
          className="mt-1 block w-full rounded-md border border-slate-300 p-2 text-sm"
        />
      </div>
      <div>
        <label htmlFor="response-files" className="block text-sm font-medium">
          Your logs (optional)
        </label>
        <input
          id="response-files"
          name="files"
          type="file"
          multiple
          accept=".txt,.log,.csv,.json,.gz,.pcap,.pcapng"
          className="mt-1 block w-full max-w-full text-sm"
          aria-describedby="response-files-hint"
        />
        <p id="response-files-hint" className="text-xs text-slate-600">
          Up to {RESPONSE_ATTACHMENT_LIMITS.files} files, {RESPONSE_ATTACHMENT_LIMITS.label} together: .txt, .log, .csv,
          .json, .gz or .pcap.
        </p>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        Send response
      </Button>
      {tooLarge ? <Alert tone="error">{tooLarge}</Alert> : <Outcome state={state} />}
    </form>
  );
}

export function ResolveForm({ action, hidden }: { action: FormAction; hidden: Record<string, string> }) {
  const [state, run, pending] = useActionState(action, {});
  const [cause, setCause] = useState("");
  return (
    <form action={run} className="space-y-3" aria-label="Resolve">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor="root-cause" className="block text-sm font-medium">
          Root cause
        </label>
        <select
          id="root-cause"
          name="rootCause"
          required
          value={cause}
          onChange={(event) => setCause(event.target.value)}
          className="mt-1 block w-full max-w-full rounded-md border border-slate-300 p-2 text-sm"
        >
          <option value="" disabled>
            Choose…
          </option>
          {ROOT_CAUSES.map((option) => (
            <option key={option.key} value={option.key}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="resolution-note" className="block text-sm font-medium">
          What you found and what you did
        </label>
        <textarea
          id="resolution-note"
          name="note"
          rows={4}
          required
          maxLength={10000}
          className="mt-1 block w-full rounded-md border border-slate-300 p-2 text-sm"
        />
      </div>
      {cause === "authorised-activity" ? (
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">Suppression</legend>
          <label htmlFor="allow-until" className="block text-sm">
            Stop raising incidents for this address until (an analyst approves it first)
          </label>
          <input
            id="allow-until"
            name="allowListUntil"
            type="date"
            className="mt-1 rounded-md border border-slate-300 p-1 text-sm"
          />
        </fieldset>
      ) : null}
      <Button type="submit" disabled={pending}>
        Resolve incident
      </Button>
      <Outcome state={state} />
    </form>
  );
}
