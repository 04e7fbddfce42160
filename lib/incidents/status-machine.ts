import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { STATUS_LABEL } from "./status-labels";

/**
 * The incident lifecycle, in one place. NEW → NOTIFIED → ACKNOWLEDGED → RESOLVED → CLOSED,
 * with shortcuts forward, and REOPENED when a resolved or closed incident comes back.
 */
const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  NEW: ["NOTIFIED", "ACKNOWLEDGED", "RESOLVED", "CLOSED"],
  NOTIFIED: ["ACKNOWLEDGED", "RESOLVED", "CLOSED"],
  ACKNOWLEDGED: ["RESOLVED", "CLOSED"],
  RESOLVED: ["CLOSED", "REOPENED"],
  CLOSED: ["REOPENED"],
  REOPENED: ["NOTIFIED", "ACKNOWLEDGED", "RESOLVED", "CLOSED"],
};

export const CLOSED_STATUSES: readonly IncidentStatus[] = ["RESOLVED", "CLOSED"];

export function isOpenStatus(status: IncidentStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (canTransition(from, to)) return;
  const allowed = TRANSITIONS[from].map((status) => STATUS_LABEL[status].toLowerCase());
  throw new AppError(
    "ILLEGAL_TRANSITION",
    `An incident that is ${STATUS_LABEL[from].toLowerCase()} cannot become ${STATUS_LABEL[to].toLowerCase()}` +
      (allowed.length ? ` (it can become: ${allowed.join(", ")}).` : "."),
    { from, to },
  );
}
