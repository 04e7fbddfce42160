"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import type { ActionState } from "@/lib/http/action";

type ServerAction<T> = (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/**
 * A form bound to a server action (lib/http/action.ts) that keeps what was typed when the
 * action refuses it, and clears the form only on success. The submitting button's name and
 * value travel with the form ("Add anyway"). Without JavaScript the form still posts.
 */
export function useActionForm<T>(
  action: ServerAction<T>,
  { resetOnSuccess = true, check }: { resetOnSuccess?: boolean; check?: (form: HTMLFormElement) => string | null } = {},
) {
  const [state, dispatch, pending] = useActionState<ActionState<T>, FormData>(action, {});
  // A refusal the browser can tell before sending (a file over the action's 1 MB), so nothing is sent.
  const [refusal, setRefusal] = useState<string | null>(null);
  const ref = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.ok && resetOnSuccess) ref.current?.reset();
  }, [state, resetOnSuccess]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = check?.(event.currentTarget) ?? null;
    setRefusal(problem);
    if (problem) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  }

  return { state: refusal ? { error: refusal } : state, pending, formProps: { ref, action: dispatch, onSubmit } };
}

/** The action's answer: the refusal as an alert (announced), or the confirmation as a status. */
export function ActionMessage({ state }: { state: ActionState<unknown> }) {
  if (state.error) return <Alert tone="error">{state.error}</Alert>;
  if (state.message) return <Alert tone="success">{state.message}</Alert>;
  return null;
}
