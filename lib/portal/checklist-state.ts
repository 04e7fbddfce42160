import { readableTime } from "@/lib/time/readable-time";
import { RESPONSE_STEPS, type ResponseStepKey } from "./response-options";

export interface TickedStep {
  /** Who ticked it first (their address, or "x (e-mail link)"). */
  by: string;
  at: Date;
}

export type ChecklistState = Partial<Record<ResponseStepKey, TickedStep>>;

const STEP_KEYS: ReadonlySet<string> = new Set(RESPONSE_STEPS.map((step) => step.key));

/**
 * The response checklist as the institution left it: each step ticked in any earlier response,
 * with who ticked it first and when. Read from the responses themselves (their `data.steps`),
 * so there is no second record to keep in step. Pure code.
 */
export function checklistState(
  responses: Array<{ actorLabel: string; createdAt: Date; data: unknown }>,
): ChecklistState {
  const state: ChecklistState = {};
  const oldestFirst = [...responses].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const response of oldestFirst) {
    const steps = (response.data as { steps?: unknown } | null)?.steps;
    if (!Array.isArray(steps)) continue;
    for (const step of steps) {
      if (typeof step === "string" && STEP_KEYS.has(step) && !state[step as ResponseStepKey])
        state[step as ResponseStepKey] = { by: response.actorLabel, at: response.createdAt };
    }
  }
  return state;
}

/** Per ticked step, the line shown under it on the form ("Ticked by sec@uni.example, 9 January 2027, 10:00 UTC"). */
export function checklistNotes(state: ChecklistState, timeZone?: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(state).map(([key, ticked]) => [key, `Ticked by ${ticked.by}, ${readableTime(ticked.at, timeZone)}`]),
  );
}
