"use client";

import { useActionState } from "react";
import { decideContactChangeAction } from "@/app/(analyst)/requests/actions";
import type { ActionState } from "@/lib/http/action";

export function DecideRequestForm({ requestId }: { requestId: string }) {
  const [state, run, pending] = useActionState<ActionState, FormData>(decideContactChangeAction, {});
  return (
    <form action={run} className="flex flex-wrap items-center gap-2" aria-label="Decide on the request">
      <input type="hidden" name="requestId" value={requestId} />
      <label className="sr-only" htmlFor={`note-${requestId}`}>
        Note to the institution
      </label>
      <input
        id={`note-${requestId}`}
        name="note"
        placeholder="Note (optional)"
        className="rounded border border-slate-300 px-2 py-1 text-xs"
      />
      <button
        type="submit"
        name="decision"
        value="approve"
        disabled={pending}
        className="rounded bg-sky-700 px-2 py-1 text-xs text-white"
      >
        Approve
      </button>
      <button
        type="submit"
        name="decision"
        value="reject"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1 text-xs"
      >
        Reject
      </button>
      {state.error ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
      {state.ok ? (
        <span role="status" className="text-xs text-emerald-800">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
