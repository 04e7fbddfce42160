"use client";

import Link from "next/link";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";
import type { TNewWebhookSecret } from "@/lib/webhooks/webhook-endpoint-inputs";

type Action<T = unknown> = (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

export interface WebhookEventOption {
  value: string;
  wire: string;
  label: string;
}

/** A secret shown once, after it was made. */
function NewSecret({ secret, children }: { secret: string; children?: React.ReactNode }) {
  return (
    <Alert tone="success">
      <p className="font-medium">Copy the signing secret now: it is not shown again.</p>
      <code className="mt-2 block rounded bg-white p-2 font-mono text-xs break-all" data-testid="webhook-secret">
        {secret}
      </code>
      {children}
    </Alert>
  );
}

/** Adding an endpoint (no `endpoint`) or changing one. */
export function WebhookEndpointForm({
  action,
  events,
  endpoint,
}: {
  action: Action<TNewWebhookSecret>;
  events: readonly WebhookEventOption[];
  endpoint?: { id: string; url: string; description: string; events: string[]; enabled: boolean };
}) {
  const { state, pending, formProps } = useActionForm(action, { resetOnSuccess: !endpoint });
  const prefix = endpoint ? "edit-webhook" : "new-webhook";
  return (
    <form {...formProps} className="space-y-4" aria-label={endpoint ? "Change the webhook" : "Add a webhook"}>
      {endpoint ? <input type="hidden" name="id" value={endpoint.id} /> : null}
      <Field
        id={`${prefix}-url`}
        name="url"
        type="url"
        label="URL"
        hint="http or https, on a host the settings allow (webhooks.allowedHosts). No user name or password: receivers check the signature."
        required
        maxLength={2000}
        defaultValue={endpoint?.url}
        autoComplete="off"
        placeholder="https://soar.example.org/hooks/csirt"
      />
      <Field
        id={`${prefix}-description`}
        name="description"
        label="Description"
        maxLength={500}
        defaultValue={endpoint?.description}
        autoComplete="off"
        placeholder="What receives it, e.g. “SOAR playbook intake”"
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        {events.map((event) => (
          <label key={event.value} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="events"
              value={event.value}
              defaultChecked={endpoint ? endpoint.events.includes(event.value) : true}
              className="mt-0.5"
            />
            <span>
              {event.label} <code className="text-xs text-slate-600">{event.wire}</code>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={endpoint ? endpoint.enabled : true} />
        <span>Enabled (a disabled endpoint is sent nothing)</span>
      </label>
      {state.data?.secret ? (
        <NewSecret secret={state.data.secret}>
          {state.data.id ? (
            <p className="mt-2 text-sm">
              <Link href={`/settings/webhooks/${state.data.id}`} className="text-sky-800 underline">
                Open the webhook and its delivery log
              </Link>
            </p>
          ) : null}
        </NewSecret>
      ) : (
        <ActionMessage state={state} />
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : endpoint ? "Save" : "Add webhook"}
      </Button>
    </form>
  );
}

/** A new secret, shown once; the old one stops signing at once. */
export function RotateSecretForm({ action, id }: { action: Action<TNewWebhookSecret>; id: string }) {
  const { state, pending, formProps } = useActionForm(action, { resetOnSuccess: false });
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        if (!window.confirm("Make a new secret? Receivers must be given it; the old one stops working at once.")) {
          event.preventDefault();
          return;
        }
        formProps.onSubmit(event);
      }}
      className="space-y-3"
      aria-label="New signing secret"
    >
      <input type="hidden" name="id" value={id} />
      {state.data?.secret ? <NewSecret secret={state.data.secret} /> : <ActionMessage state={state} />}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Making…" : "Make a new secret"}
      </Button>
    </form>
  );
}
