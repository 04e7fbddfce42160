import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Tlp } from "@/lib/generated/prisma/enums";
import { effectiveTlp } from "@/lib/tlp/tlp";

/** Content types evidence is stored with; anything else is offered as an opaque download. */
const KNOWN_TYPES = new Set(["text/plain; charset=utf-8", "text/csv; charset=utf-8", "text/plain", "text/csv"]);

/** A file name safe in a header and on any file system: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string, fallback = "evidence.txt"): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(0, 120);
  return cleaned === "" || /^_*$/.test(cleaned) ? fallback : cleaned;
}

export function attachmentDisposition(name: string): string {
  return `attachment; filename="${safeFileName(name)}"`;
}

export function downloadContentType(stored: string): string {
  return KNOWN_TYPES.has(stored.toLowerCase()) ? stored : "application/octet-stream";
}

/** One piece of an incident's evidence, by the incident's reference (so URLs stay readable). */
export async function getEvidenceDownload(
  db: Db,
  { reference, evidenceId }: { reference: number; evidenceId: string },
): Promise<{ fileName: string; contentType: string; content: Uint8Array; sha256: string; tlp: Tlp }> {
  const evidence = await db.evidence.findFirst({
    where: { id: evidenceId, incident: { reference } },
    select: {
      fileName: true,
      contentType: true,
      content: true,
      sha256: true,
      kind: true,
      tlp: true,
      incident: { select: { tlp: true } },
    },
  });
  if (!evidence) throw new AppError("NOT_FOUND", "No such evidence.");
  const fallback = evidence.kind === "FLOW_LIST" ? `csirt-${reference}-flows.csv` : `csirt-${reference}-evidence.txt`;
  return {
    fileName: safeFileName(evidence.fileName, fallback),
    contentType: downloadContentType(evidence.contentType),
    content: evidence.content,
    sha256: evidence.sha256,
    tlp: effectiveTlp(evidence.incident.tlp, evidence.tlp),
  };
}
