/**
 * Keyset pagination for the incident queue: a cursor names the boundary row of a page by its
 * sort key (never by a position), so the next page is an index range scan starting at that
 * key, however deep in the results it lies. The cursor is opaque to people (base64url JSON)
 * and carries its sort, so a cursor from another sort is recognised and dropped. Pure code.
 */
import { z } from "zod";
import { IncidentStatus } from "@/lib/generated/prisma/enums";
import type { TIncidentSort, TSortDirection } from "./incident-query";

/** The sort key of one row: every column of the sort, ending on the unique reference. */
export interface QueueKey {
  lastSeen: Date;
  reference: number;
  flowCount: number;
  status: IncidentStatus;
}

/** After: the rows following the key in the queue's order; before: the rows preceding it. */
export type TCursorSide = "after" | "before";

export interface QueueCursor {
  side: TCursorSide;
  sort: TIncidentSort;
  dir: TSortDirection;
  key: QueueKey;
}

/** Longer than any cursor we issue: anything longer is not one of ours. */
export const MAX_CURSOR_LENGTH = 200;

const ZCursorSchema = z.strictObject({
  s: z.enum(["lastSeen", "reference", "flows", "status"]),
  d: z.enum(["asc", "desc"]),
  t: z.iso.datetime(),
  r: z.number().int().min(1).max(2_147_483_647),
  f: z.number().int().min(0).max(2_147_483_647),
  st: z.enum(IncidentStatus),
});

export function encodeQueueCursor(sort: TIncidentSort, dir: TSortDirection, key: QueueKey): string {
  const payload = {
    s: sort,
    d: dir,
    t: key.lastSeen.toISOString(),
    r: key.reference,
    f: key.flowCount,
    st: key.status,
  };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** The key a cursor names, or null when the text is not a cursor we issued for this sort. */
export function decodeQueueCursor(text: string, sort: TIncidentSort, dir: TSortDirection): QueueKey | null {
  if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = ZCursorSchema.safeParse(json);
  if (!parsed.success || parsed.data.s !== sort || parsed.data.d !== dir) return null;
  return {
    lastSeen: new Date(parsed.data.t),
    reference: parsed.data.r,
    flowCount: parsed.data.f,
    status: parsed.data.st,
  };
}
