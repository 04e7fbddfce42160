/**
 * The incident queue's state, read from and written back to the URL: every filter, the sort
 * and the page live in the query string, so a view can be shared, bookmarked and navigated
 * with the back button. Pure code: no database.
 */
import { z } from "zod";
import { CALENDAR_DAY_HINT, parseCalendarDay } from "@/lib/http/calendar-day";
import { parseIncidentReference } from "./incident-reference";
import { IncidentStatus, IncidentType } from "@/lib/generated/prisma/enums";
import { firstParam } from "@/lib/http/search-params";
import { MAX_CURSOR_LENGTH } from "./queue-cursor";
import { tryParseCidr, parseIpAddress, formatIpAddress } from "@/lib/net";
import { OPEN_STATUSES } from "./status-labels";

export const INCIDENT_SORTS = ["lastSeen", "reference", "flows", "status"] as const;
export type TIncidentSort = (typeof INCIDENT_SORTS)[number];
export type TSortDirection = "asc" | "desc";
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** What the search box holds, once understood. */
export type TIncidentSearch =
  | { kind: "none" }
  | { kind: "ip"; ip: string }
  | { kind: "cidr"; cidr: string; normalisedFrom?: string }
  | { kind: "reference"; reference: number }
  | { kind: "invalid"; text: string; message: string };

const ALL_STATUSES = Object.values(IncidentStatus);

export interface TIncidentQuery {
  /** In workflow order; empty means every status ("status=all"); no parameter means the open ones (the default tab). */
  statuses: IncidentStatus[];
  /** Only incidents the institution acted on since an analyst last opened them. */
  needsAttention: boolean;
  type?: IncidentType;
  /** The organisation as the URL names it: its slug (canonical), its id or its name. */
  organisation?: string;
  /** Set once `organisation` is known to name an organisation (an id is taken as is). */
  organisationId?: string;
  /** "me", "unassigned" or a user id. */
  assignee?: string;
  /** An ingest run's id: the incidents it raised or updated. */
  run?: string;
  /** UTC days, inclusive: YYYY-MM-DD. */
  lastSeenFrom?: string;
  lastSeenTo?: string;
  /** The search box as typed (kept for the form); `search` is what it means. */
  q: string;
  search: TIncidentSearch;
  sort: TIncidentSort;
  dir: TSortDirection;
  /** Keyset pagination: an opaque cursor (see queue-cursor.ts) naming the row the page starts after… */
  after?: string;
  /** …or ends before (the previous page). Neither: the first page. */
  before?: string;
  size: number;
}

export const SEARCH_HELP =
  "Search by IP address (192.0.2.45), address block (192.0.2.0/24, 2001:db8::/32) or reference (#1234).";

export function parseIncidentSearch(input: string | undefined | null): TIncidentSearch {
  const text = (input ?? "").trim();
  if (text === "") return { kind: "none" };
  if (/^#?\s*\d+$/.test(text)) {
    const reference = parseIncidentReference(text);
    if (reference !== null) return { kind: "reference", reference };
    return { kind: "invalid", text, message: `"${text}" is not a reference number we could have issued.` };
  }
  if (text.includes("/")) {
    const parsed = tryParseCidr(text);
    if (!parsed.ok) return { kind: "invalid", text, message: `${parsed.error} ${SEARCH_HELP}` };
    return parsed.cidr.hostBitsSet
      ? { kind: "cidr", cidr: parsed.cidr.cidr, normalisedFrom: text }
      : { kind: "cidr", cidr: parsed.cidr.cidr };
  }
  const address = parseIpAddress(text.replace(/^\[(.*)\]$/, "$1"));
  if (address) return { kind: "ip", ip: formatIpAddress(address) };
  return {
    kind: "invalid",
    text,
    message: `"${text}" is neither an IP address, an address block nor a reference number. ${SEARCH_HELP}`,
  };
}

function isRealDay(value: string): boolean {
  return parseCalendarDay(value) !== null;
}

type TRawParams = Record<string, string | string[] | undefined>;

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(",")).filter(Boolean);
}

const ZStatusSchema = z.enum(IncidentStatus);
const ZTypeSchema = z.enum(IncidentType);
const ZUuidSchema = z.uuid();
const MAX_ORGANISATION_TEXT = 200;

/**
 * Reads the queue's URL parameters. Unknown or malformed values are dropped (and listed in
 * `problems`) rather than failing the page: a hand-edited link still shows something sensible.
 */
export function parseIncidentQuery(params: TRawParams): { query: TIncidentQuery; problems: string[] } {
  const problems: string[] = [];
  const statusTexts = new Set(all(params.status));
  const named = [...statusTexts].filter((value): value is IncidentStatus => {
    if (value === "all") return false;
    const ok = ZStatusSchema.safeParse(value).success;
    if (!ok) problems.push(`Unknown status "${value}" ignored.`);
    return ok;
  });
  const runText = firstParam(params.run);
  const run = runText && ZUuidSchema.safeParse(runText).success ? runText.toLowerCase() : undefined;
  if (runText && !run) problems.push("Unknown ingest run ignored.");
  const attentionText = firstParam(params.attention);
  const needsAttention = attentionText === "1" || attentionText === "true";
  // The filter form always sends "all" beside the ticked boxes: nothing ticked there means every status.
  const q = (firstParam(params.q) ?? "").trim().slice(0, 200);
  const statuses = named.length
    ? ALL_STATUSES.filter((status) => named.includes(status))
    : statusTexts.has("all")
      ? []
      : defaultStatuses({ needsAttention, q, run });

  const typeText = firstParam(params.type);
  const type = typeText ? ZTypeSchema.safeParse(typeText) : undefined;
  if (type && !type.success) problems.push(`Unknown incident type "${typeText}" ignored.`);

  let organisation = firstParam(params.org)?.trim() || undefined;
  if (organisation && /[\u0000-\u001f\u007f]/.test(organisation)) {
    problems.push("The organisation filter contains control characters; it is ignored.");
    organisation = undefined;
  }
  if (organisation && organisation.length > MAX_ORGANISATION_TEXT) {
    problems.push("The organisation filter is too long to be a name; it is ignored.");
    organisation = undefined;
  }

  const assigneeText = firstParam(params.assignee);
  let assignee: string | undefined;
  if (assigneeText === "me" || assigneeText === "unassigned") assignee = assigneeText;
  else if (assigneeText && ZUuidSchema.safeParse(assigneeText).success) assignee = assigneeText;
  else if (assigneeText) problems.push("Unknown assignee ignored.");

  let lastSeenFrom = firstParam(params.from) || undefined;
  let lastSeenTo = firstParam(params.to) || undefined;
  if (lastSeenFrom && !isRealDay(lastSeenFrom)) {
    problems.push(`"${lastSeenFrom}" is not ${CALENDAR_DAY_HINT}; the start of the range is ignored.`);
    lastSeenFrom = undefined;
  }
  if (lastSeenTo && !isRealDay(lastSeenTo)) {
    problems.push(`"${lastSeenTo}" is not ${CALENDAR_DAY_HINT}; the end of the range is ignored.`);
    lastSeenTo = undefined;
  }
  if (lastSeenFrom && lastSeenTo && lastSeenFrom > lastSeenTo) {
    problems.push("The date range ends before it starts; the dates were swapped.");
    [lastSeenFrom, lastSeenTo] = [lastSeenTo, lastSeenFrom];
  }

  const sortText = firstParam(params.sort);
  const sort = (INCIDENT_SORTS as readonly string[]).includes(sortText ?? "")
    ? (sortText as TIncidentSort)
    : "lastSeen";
  const dirText = firstParam(params.dir);
  const dir: TSortDirection = dirText === "asc" || dirText === "desc" ? dirText : defaultDirection(sort);
  const cursorText = (name: "after" | "before") => {
    const text = firstParam(params[name]);
    if (!text) return undefined;
    if (text.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(text)) return text;
    problems.push("A malformed page link was ignored; showing the first page.");
    return undefined;
  };
  const after = cursorText("after");
  const before = after ? undefined : cursorText("before");
  const sizeValue = Number.parseInt(firstParam(params.size) ?? "", 10);
  const size = (PAGE_SIZES as readonly number[]).includes(sizeValue) ? sizeValue : DEFAULT_PAGE_SIZE;

  return {
    query: {
      statuses,
      needsAttention,
      type: type?.success ? type.data : undefined,
      organisation,
      organisationId:
        organisation && ZUuidSchema.safeParse(organisation).success ? organisation.toLowerCase() : undefined,
      assignee,
      run,
      lastSeenFrom,
      lastSeenTo,
      q,
      search: parseIncidentSearch(q),
      sort,
      dir,
      after,
      before,
      size,
    },
    problems,
  };
}

export function defaultDirection(sort: TIncidentSort): TSortDirection {
  return sort === "status" ? "asc" : "desc";
}

/**
 * The query string for a queue view: only values that differ from the defaults, in a stable
 * order, so equal views have equal URLs.
 */
export function incidentQueryString(query: TIncidentQuery, changes: Partial<TIncidentQuery> = {}): string {
  const view = { ...query, ...changes };
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  const defaults = defaultStatuses(view);
  if (!sameStatuses(view.statuses, defaults)) {
    if (view.statuses.length === 0) params.set("status", "all");
    else for (const status of view.statuses) params.append("status", status);
  }
  if (view.needsAttention) params.set("attention", "1");
  if (view.type) params.set("type", view.type);
  if (view.organisation) params.set("org", view.organisation);
  if (view.assignee) params.set("assignee", view.assignee);
  if (view.run) params.set("run", view.run);
  if (view.lastSeenFrom) params.set("from", view.lastSeenFrom);
  if (view.lastSeenTo) params.set("to", view.lastSeenTo);
  if (view.sort !== "lastSeen") params.set("sort", view.sort);
  if (view.dir !== defaultDirection(view.sort)) params.set("dir", view.dir);
  if (view.size !== DEFAULT_PAGE_SIZE) params.set("size", String(view.size));
  if (view.after) params.set("after", view.after);
  else if (view.before) params.set("before", view.before);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Spread into a change of view: back to the first page (no cursor). */
export const FIRST_PAGE = { after: undefined, before: undefined } as const satisfies Partial<TIncidentQuery>;

export function incidentQueueHref(query: TIncidentQuery, changes: Partial<TIncidentQuery> = {}): string {
  return `/incidents${incidentQueryString(query, changes)}`;
}

/**
 * Without a status in the URL: the open incidents; but every status for the incidents needing
 * attention (resolving is an action too), for a search (a reference or address is looked
 * up whatever became of it) and for an ingest run's incidents.
 */
function defaultStatuses({
  needsAttention,
  q,
  run,
}: {
  needsAttention: boolean;
  q: string;
  run?: string;
}): IncidentStatus[] {
  return needsAttention || q || run ? [] : [...OPEN_STATUSES];
}

function sameStatuses(a: readonly IncidentStatus[], b: readonly IncidentStatus[]): boolean {
  return a.length === b.length && a.every((status) => b.includes(status));
}

function isOpenView(statuses: readonly IncidentStatus[]): boolean {
  return sameStatuses(statuses, OPEN_STATUSES);
}

/** The queue's tabs: open incidents (the default), those the institution acted on, everything. */
export type TQueueTab = "open" | "attention" | "all";

export function queueTabOf(query: Pick<TIncidentQuery, "statuses" | "needsAttention">): TQueueTab | null {
  if (query.needsAttention) return query.statuses.length === 0 ? "attention" : null;
  if (query.statuses.length === 0) return "all";
  return isOpenView(query.statuses) ? "open" : null;
}

export function queueTabHref(query: TIncidentQuery, tab: TQueueTab): string {
  const view = {
    open: { statuses: [...OPEN_STATUSES], needsAttention: false },
    attention: { statuses: [], needsAttention: true },
    all: { statuses: [], needsAttention: false },
  }[tab];
  return incidentQueueHref(query, { ...view, ...FIRST_PAGE });
}

/** Whether any filter (not sort or page) narrows the view beyond a tab. */
export function hasFilters(query: TIncidentQuery): boolean {
  return Boolean(
    query.q ||
      queueTabOf(query) === null ||
      query.type ||
      query.organisation ||
      query.assignee ||
      query.run ||
      query.lastSeenFrom ||
      query.lastSeenTo,
  );
}

const SORT_LABEL: Record<TIncidentSort, string> = {
  reference: "Reference",
  status: "Status",
  flows: "Flows",
  lastSeen: "Last seen (UTC)",
};

export interface TSortLink {
  sort: TIncidentSort;
  label: string;
  /** The queue sorted by this column (reversed when it is the current one). */
  href: string;
  /** Set on the column the queue is sorted by. */
  current?: TSortDirection;
  alignRight?: boolean;
}

/** Each sortable column's link: this sort, or its reverse when it is the current one; back to page 1. */
export function queueSortLinks(query: TIncidentQuery): Record<TIncidentSort, TSortLink> {
  const link = (sort: TIncidentSort): TSortLink => {
    const current = query.sort === sort ? query.dir : undefined;
    const dir: TSortDirection = current ? (current === "asc" ? "desc" : "asc") : defaultDirection(sort);
    return {
      sort,
      label: SORT_LABEL[sort],
      href: incidentQueueHref(query, { sort, dir, ...FIRST_PAGE }),
      ...(current ? { current } : {}),
      ...(sort === "flows" ? { alignRight: true } : {}),
    };
  };
  return { reference: link("reference"), status: link("status"), flows: link("flows"), lastSeen: link("lastSeen") };
}
