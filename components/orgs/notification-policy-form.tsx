"use client";

import { setPolicyAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import {
  NOTIFICATION_POLICY_LABEL,
  NOTIFICATION_POLICY_VALUES,
  type TNotificationPolicyInput,
} from "@/lib/orgs/org-inputs";

const EXPLANATION: Record<TNotificationPolicyInput, string> = {
  AUTOMATIC: "Notices go to the contacts as soon as an incident is raised or changes.",
  HOLD_FOR_APPROVAL: "Each notice waits until an analyst releases it from the incident page.",
};

export function NotificationPolicyForm({
  organisationId,
  slug,
  policy,
}: {
  organisationId: string;
  slug: string;
  policy: TNotificationPolicyInput;
}) {
  const { state, pending, formProps } = useActionForm(setPolicyAction, { resetOnSuccess: false });
  return (
    <form {...formProps} aria-label="Notification policy" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <fieldset className="space-y-2">
        <legend className="sr-only">How notices are sent</legend>
        {NOTIFICATION_POLICY_VALUES.map((value) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="policy"
              value={value}
              defaultChecked={policy === value}
              className="mt-1 accent-sky-700"
            />
            <span>
              <span className="font-medium">{NOTIFICATION_POLICY_LABEL[value]}</span>
              <span className="block text-xs text-slate-600">{EXPLANATION[value]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save policy"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
