"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { ActionState } from "@/lib/http/action";
import { PasskeyRegisterButton } from "./passkey-button";
import { RecoveryCodesList } from "./recovery-codes-list";
import type { PasskeyCalls } from "./second-factor-forms";

type FormAction<T = unknown> = (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

export function RenewRecoveryCodesForm({ action }: { action: FormAction<{ recoveryCodes: string[] }> }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.data?.recoveryCodes) return <RecoveryCodesList codes={state.data.recoveryCodes} />;
  return (
    <form action={formAction} aria-label="New recovery codes" className="space-y-3">
      <p className="text-sm text-slate-700">New codes replace every code you had.</p>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        Make new recovery codes
      </Button>
    </form>
  );
}

export function AddPasskey({ passkeys }: { passkeys: Pick<PasskeyCalls, "registrationOptions" | "register"> }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <div className="space-y-4">
      {codes && codes.length > 0 ? <RecoveryCodesList codes={codes} /> : null}
      <PasskeyRegisterButton
        options={passkeys.registrationOptions}
        register={passkeys.register}
        onRegistered={({ recoveryCodes }) => {
          setCodes(recoveryCodes);
          router.refresh();
        }}
      />
    </div>
  );
}

export function ResetSecondFactorForm({
  action,
  staff,
}: {
  action: FormAction;
  staff: Array<{ id: string; label: string }>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} aria-label="Reset a second factor" className="max-w-xl space-y-4">
      <SelectField id="reset-user" name="userId" label="Staff member" required defaultValue="">
        <option value="" disabled>
          Choose…
        </option>
        {staff.map((person) => (
          <option key={person.id} value={person.id}>
            {person.label}
          </option>
        ))}
      </SelectField>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Confirm it is you</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="totp" defaultChecked /> Code from your app
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="recovery" /> One of your recovery codes
          </label>
        </div>
        <Field id="reset-code" name="code" label="Your code" autoComplete="one-time-code" maxLength={64} required />
      </fieldset>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.message ? <Alert tone="success">{state.message}</Alert> : null}
      <Button type="submit" variant="danger" disabled={pending}>
        Reset their second factor
      </Button>
    </form>
  );
}
