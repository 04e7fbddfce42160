import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { attachmentProblem } from "./response-options";
const EXTENSIONS = /\.(txt|log|csv|json|gz|pcap|pcapng)$/i;

export interface CheckedAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(
      head.length === bytes.length ? head : head.subarray(0, head.length - 4),
    );
    return true;
  } catch {
    return false;
  }
}

/** What the bytes really are; the name's extension must agree, whatever the browser claimed. */
function sniff(bytes: Buffer): { kind: "gzip" | "pcap" | "text"; contentType: string } | null {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return { kind: "gzip", contentType: "application/gzip" };
  const magic = bytes.subarray(0, 4).toString("hex");
  if (["d4c3b2a1", "a1b2c3d4", "4d3cb2a1", "a1b23c4d", "0a0d0d0a"].includes(magic))
    return { kind: "pcap", contentType: "application/vnd.tcpdump.pcap" };
  if (looksLikeText(bytes)) return { kind: "text", contentType: "text/plain; charset=utf-8" };
  return null;
}

/** A file name safe to store and show: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "_")
    .replace(/^\.+/, "_")
    .trim()
    .slice(0, 200);
  return cleaned || "unnamed";
}

/** One file against the rules every institution upload follows; the reason when it fails them. */
export function checkAttachmentBytes({
  name,
  content,
}: {
  name: string;
  content: Buffer;
}): CheckedAttachment | { fileName: string; problem: string } {
  const fileName = safeFileName(name);
  if (content.length === 0) return { fileName, problem: `${fileName} is empty.` };
  if (!EXTENSIONS.test(fileName))
    return { fileName, problem: `${fileName}: attach logs as .txt, .log, .csv, .json, .gz or .pcap files.` };
  const kind = sniff(content);
  const extensionKind = /\.gz$/i.test(fileName) ? "gzip" : /\.pcap(ng)?$/i.test(fileName) ? "pcap" : "text";
  if (!kind || kind.kind !== extensionKind)
    return { fileName, problem: `${fileName} is not what its name says (expected ${extensionKind}).` };
  return {
    fileName,
    contentType: kind.contentType,
    content,
    sha256: createHash("sha256").update(content).digest("hex"),
  };
}

/** Logs an institution sends back: text, CSV, JSON, gzip or pcap, within RESPONSE_ATTACHMENT_LIMITS. */
export async function checkResponseAttachments(files: File[]): Promise<CheckedAttachment[]> {
  const present = files.filter((file) => file.size > 0 || file.name);
  const problem = attachmentProblem(present);
  if (problem) throw new AppError("INVALID_INPUT", problem);
  const checked: CheckedAttachment[] = [];
  for (const file of present) {
    const result = checkAttachmentBytes({ name: file.name, content: Buffer.from(await file.arrayBuffer()) });
    if ("problem" in result) throw new AppError("INVALID_INPUT", result.problem);
    checked.push(result);
  }
  return checked;
}
