"use client";

import { useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action";

/**
 * One button that runs a server action on one row (remove, approve, deactivate). The visible
 * label is short; `accessibleLabel` names the row for screen readers ("Remove 192.0.2.0/24").
 */
export function RowActionButton({
  action,
  fields,
  label,
  accessibleLabel,
  variant = "secondary",
  confirm,
}: {
  action: (state: ActionState<unknown>, form: FormData) => Promise<ActionState<unknown>>;
  fields: Record<string, string>;
  label: string;
  accessibleLabel: string;
  variant?: "primary" | "secondary" | "danger";
  /** Asked before an action that cannot be undone from the page. */
  confirm?: string;
}) {
  const { state, pending, formProps } = useActionForm(action, { resetOnSuccess: false });
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) {
          event.preventDefault();
          return;
        }
        formProps.onSubmit(event);
      }}
      className="inline-block"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button
        type="submit"
        variant={variant}
        aria-label={accessibleLabel}
        disabled={pending}
        className="px-2.5 py-1 text-xs"
      >
        {pending ? "…" : label}
      </Button>
      {state.error ? (
        <p role="alert" className="mt-1 max-w-xs text-xs text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
