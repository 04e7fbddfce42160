"use client";

import { useActionState } from "react";
import { reportSshdLog, type SshdReportOutcome } from "@/app/(analyst)/ingest/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";

export function SshdReportForm() {
  const [state, action, pending] = useActionState<ActionState<SshdReportOutcome>, FormData>(reportSshdLog, {});
  return (
    <form action={action} className="space-y-3" aria-label="Report sshd log lines">
      <Field id="reporter" name="reporter" label="Reported by" placeholder="e.g. Example Hosting CERT" required />
      <Field
        id="year"
        name="year"
        label="Year of the log (syslog lines carry none)"
        inputMode="numeric"
        placeholder={String(new Date().getUTCFullYear())}
      />
      <div className="space-y-1">
        <label htmlFor="sshd-text" className="block text-sm font-medium">
          sshd log lines
        </label>
        <textarea
          id="sshd-text"
          name="text"
          rows={6}
          required
          maxLength={900_000}
          className="block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
        />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Reading…" : "Raise incidents from this log"}
      </Button>
      {state.error ? (
        <Alert tone="error">{[state.error, ...Object.values(state.fieldErrors ?? {})].join(" ")}</Alert>
      ) : null}
      {state.data ? (
        <Alert tone="success">
          {state.data.events} failed logins in {state.data.lines} lines.{" "}
          {state.data.incidents.length
            ? state.data.incidents
                .map(
                  (incident) =>
                    `#${incident.reference} ${incident.action}: ${incident.sourceIp} (${incident.organisation}, ${incident.attempts} attempts)`,
                )
                .join("; ")
            : "No source is in a member network."}
          {state.data.outsideMembers.length
            ? ` Not members: ${state.data.outsideMembers.slice(0, 10).join(", ")}${state.data.outsideMembers.length > 10 ? "…" : ""}.`
            : ""}
        </Alert>
      ) : null}
    </form>
  );
}
