/** Reading a page's `searchParams`: a repeated parameter counts by its first value. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const MAX_PAGE = 100_000;

/** A 1-based page number; anything that is not one (missing, negative, text) is page 1. */
export function pageParam(value: string | string[] | undefined): number {
  return Math.min(MAX_PAGE, Math.max(1, Number.parseInt(firstParam(value) ?? "1", 10) || 1));
}
