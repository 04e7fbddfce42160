"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";

type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white p-2 text-sm";

export function CreateApiTokenForm({
  action,
  organisations,
  scopes,
  lifetimes,
}: {
  action: (state: ActionState<{ token: string }>, form: FormData) => Promise<ActionState<{ token: string }>>;
  organisations: Array<{ id: string; name: string }>;
  scopes: Array<{ value: string; label: string }>;
  lifetimes: number[];
}) {
  const [state, run, pending] = useActionState(action, {});
  const token = state.data?.token;
  return (
    <form action={run} className="space-y-4" aria-label="Create an API token">
      {organisations.length === 0 ? null : organisations.length === 1 ? (
        <input type="hidden" name="organisationId" value={organisations[0]!.id} />
      ) : (
        <div>
          <label htmlFor="token-organisation" className="block text-sm font-medium text-slate-800">
            Organisation
          </label>
          <select id="token-organisation" name="organisationId" className={select}>
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field
        id="token-name"
        name="name"
        label="Name"
        hint="What will use it, e.g. “Ticket system”. Shown in the CSIRT's records of every call."
        required
        maxLength={100}
        autoComplete="off"
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">It may</legend>
        {scopes.map((scope) => (
          <label key={scope.value} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="scopes"
              value={scope.value}
              defaultChecked={scope.value === "incidents:read"}
              className="mt-0.5"
            />
            <span>{scope.label}</span>
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="token-days" className="block text-sm font-medium text-slate-800">
          Expires after
        </label>
        <select id="token-days" name="days" defaultValue="90" className={select}>
          {lifetimes.map((days) => (
            <option key={days} value={days}>
              {days} days
            </option>
          ))}
        </select>
      </div>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {token ? (
        <Alert tone="success">
          <p className="font-medium">{state.message} Copy it now: it is not shown again.</p>
          <code className="mt-2 block rounded bg-white p-2 font-mono text-xs break-all" data-testid="new-token">
            {token}
          </code>
        </Alert>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}

export function RevokeApiTokenForm({ action, tokenId, name }: { action: FormAction; tokenId: string; name: string }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} aria-label={`Revoke ${name}`} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Revoke
      </Button>
      {state.error ? <span className="text-xs text-red-700">{state.error}</span> : null}
    </form>
  );
}
