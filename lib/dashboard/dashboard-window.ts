import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { OPEN_STATUSES } from "@/lib/incidents/status-labels";

export const DAY_MS = 86_400_000;
/** The dashboard's look-back for daily counts and response times. */
export const DASHBOARD_WINDOW_DAYS = 30;
export const OPEN_STATUS_LIST: readonly IncidentStatus[] = OPEN_STATUSES;
