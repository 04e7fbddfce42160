import { Alert } from "@/components/ui/alert";
import type { ActionState } from "@/lib/http/action";

/** What a form's server action answered: the refusal (with field messages) or the confirmation. */
export function ActionResult({ state }: { state: ActionState }) {
  if (state.error) {
    const fields = state.fieldErrors ? Object.values(state.fieldErrors) : [];
    return <Alert tone="error">{[state.error, ...fields].join(" ")}</Alert>;
  }
  if (state.ok && state.message) return <Alert tone="success">{state.message}</Alert>;
  return null;
}
