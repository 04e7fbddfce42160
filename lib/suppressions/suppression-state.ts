/**
 * A suppression (stored as `AllowListEntry`) is pending until an analyst approves or refuses it;
 * an approved one is active until it expires. Only active ones are honoured by the detector.
 */
export type SuppressionState = "pending" | "active" | "expired" | "refused";

export function suppressionState(
  entry: { approvedAt: Date | null; refusedAt: Date | null; expiresAt: Date },
  now: Date,
): SuppressionState {
  if (entry.refusedAt) return "refused";
  if (entry.expiresAt.getTime() <= now.getTime()) return "expired";
  return entry.approvedAt ? "active" : "pending";
}

export const SUPPRESSION_STATE_LABEL: Record<SuppressionState, string> = {
  pending: "Waiting for approval",
  active: "Active",
  expired: "Ended",
  refused: "Refused",
};
