"use client";

import { useState } from "react";
import { setDeliveryModeAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Mode = "IMMEDIATE" | "EVERY_N_HOURS" | "DAILY";

const CHOICES: Array<{ value: Mode; label: string; explanation: string }> = [
  { value: "IMMEDIATE", label: "Each notice at once", explanation: "One mail per incident, as soon as it is raised." },
  {
    value: "DAILY",
    label: "A daily digest",
    explanation: "One mail a day listing every new, updated and reopened incident, at a time in its time zone.",
  },
  {
    value: "EVERY_N_HOURS",
    label: "A digest every few hours",
    explanation: "Counted from midnight in its time zone (every 6 hours: 00:00, 06:00, 12:00, 18:00).",
  },
];

/** Immediate notices, or digests (daily at a local time, or every N hours). Severe incidents go at once whatever is chosen. */
export function DeliveryModeForm({
  organisationId,
  slug,
  mode,
  everyHours,
  dailyAt,
  timeZone,
}: {
  organisationId: string;
  slug: string;
  mode: Mode;
  everyHours: number | null;
  dailyAt: string | null;
  timeZone: string;
}) {
  const { state, pending, formProps } = useActionForm(setDeliveryModeAction, { resetOnSuccess: false });
  const [chosen, setChosen] = useState<Mode>(mode);
  return (
    <form {...formProps} aria-label="Delivery" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">How notices reach it</legend>
        {CHOICES.map((choice) => (
          <label key={choice.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="deliveryMode"
              value={choice.value}
              checked={chosen === choice.value}
              onChange={() => setChosen(choice.value)}
              className="mt-1 accent-sky-700"
            />
            <span>
              <span className="font-medium">{choice.label}</span>
              <span className="block text-xs text-slate-600">{choice.explanation}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {chosen === "DAILY" ? (
        <Field
          id="digest-at"
          label={`Daily at (${timeZone})`}
          name="digestAt"
          type="time"
          defaultValue={dailyAt ?? "08:00"}
          required
          hint="The time of day where the organisation is, in its time zone."
          error={state.fieldErrors?.digestAt}
        />
      ) : null}
      {chosen === "EVERY_N_HOURS" ? (
        <Field
          id="digest-every-hours"
          label="Every how many hours"
          name="digestEveryHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={24}
          defaultValue={everyHours ?? 6}
          required
          hint="From 1 to 24."
          error={state.fieldErrors?.digestEveryHours}
        />
      ) : null}
      <p className="text-xs text-slate-600">
        Analysts&apos; own messages and status notices always go at once, and so do severe incidents (see the
        notification settings).
      </p>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save delivery"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
