/** One file as shown in an evidence list, and the identical copies of it that arrived later. */
export interface RepeatedFile<T> {
  file: T;
  /** Later copies with the same content (sha256), oldest first. */
  copies: T[];
}

/**
 * Evidence lists show a file once however often it was sent (an institution uploading its log
 * twice, the same reply forwarded again): identical content is grouped under its first arrival,
 * in the order files first arrived. Pure: the caller supplies the items in arrival order.
 */
export function groupRepeatedFiles<T extends { sha256: string }>(items: readonly T[]): RepeatedFile<T>[] {
  const groups = new Map<string, RepeatedFile<T>>();
  for (const item of items) {
    const group = groups.get(item.sha256);
    if (group) group.copies.push(item);
    else groups.set(item.sha256, { file: item, copies: [] });
  }
  return [...groups.values()];
}

/** " · sent 3 times" for a file with copies, "" otherwise. */
export function repeatedNote(group: RepeatedFile<unknown>): string {
  return group.copies.length > 0 ? ` · sent ${group.copies.length + 1} times` : "";
}
