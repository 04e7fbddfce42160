import path from "node:path";

export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** DATA_DIR always; the drop folder too when INBOX_DIR points outside it. */
export function storedFileRoots({ dataDir, inboxDir }: { dataDir: string; inboxDir: string }): {
  data: string;
  inbox?: string;
} {
  const data = path.resolve(dataDir);
  const inbox = path.resolve(inboxDir);
  return isInside(data, inbox) || inbox === data ? { data } : { data, inbox };
}
