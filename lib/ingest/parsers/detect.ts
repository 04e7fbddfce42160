import type { FlowFormatId } from "../flow";
import { isArgusHeader } from "./argus-binetflow";
import { NFDUMP_PIPE_LINE } from "./nfdump-pipe";
import { isSilkTitleLine } from "./silk-rwcut";

export const DETECTION_LINE_COUNT = 20;

const SEED_FLOW_LINE =
  /^(?:\d{4}-\d\d-\d\d[T ])?\d\d:\d\d:\d\d(?:\.\d+)?Z?\s+\S+\s+\S+\s+->\s+\S+\s+[UAPRSFCE.-]{6,8}\s+\d+\s+\d+\s*$/;
const NFDUMP_TEXT_FLOW_LINE =
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\s+(?:\d+d\s+)?(?:\d\d:\d\d:\d\d\.\d{3}|\d+\.\d{3})\s+\S+\s+\S+\s+->\s+\S+\s+\S/;
const NFDUMP_LEGACY_CSV_FLOW_LINE =
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,[\d.]+,[\da-fA-F.:]+,[\da-fA-F.:]+,/;
const SILK_FLOW_LINE = /^\s*[\da-fA-F.:]+\|\s*[\da-fA-F.:]+\|\s*\d+\|\s*\d+\|\s*\d+\|/;

function isZeekConnFieldsLine(line: string): boolean {
  if (!line.startsWith("#fields")) return false;
  const fields = line.split(/\s+/);
  return fields.includes("id.orig_h") && fields.includes("id.resp_h") && fields.includes("proto");
}

function isZeekConnJsonLine(line: string): boolean {
  if (!line.startsWith("{") || !line.includes('"id.orig_h"')) return false;
  try {
    const entry: unknown = JSON.parse(line);
    return typeof entry === "object" && entry !== null && "id.resp_h" in entry && "proto" in entry;
  } catch {
    return false;
  }
}

/** The format whose header or line shape matches, checked in order of how specific the evidence is. */
function detectFromLine(line: string): FlowFormatId | null {
  if (isZeekConnFieldsLine(line)) return "zeek-conn-tsv";
  if (isZeekConnJsonLine(line)) return "zeek-conn-json";
  if (line.startsWith("ts,te,td,sa,da,")) return "nfdump-csv-legacy";
  if (line.startsWith("cnt,af,firstSeen,lastSeen,proto,srcAddr,")) return "nfdump-csv-fast";
  if (line.startsWith("firstSeen,") && line.includes(",srcAddr,") && line.includes(",dstAddr,")) return "nfdump-csv";
  if (line.startsWith("StartTime,") && isArgusHeader(line)) return "argus-binetflow";
  if (line.includes("|") && isSilkTitleLine(line)) return "silk-rwcut";
  if (line.startsWith("Date first seen") || line.startsWith("Date flow start")) return "nfdump-text";
  if (NFDUMP_TEXT_FLOW_LINE.test(line)) return "nfdump-text";
  if (NFDUMP_LEGACY_CSV_FLOW_LINE.test(line)) return "nfdump-csv-legacy";
  if (SEED_FLOW_LINE.test(line)) return "seed-flow-lines";
  if (NFDUMP_PIPE_LINE.test(line)) return "nfdump-pipe";
  if (SILK_FLOW_LINE.test(line)) return "silk-rwcut";
  return null;
}

/**
 * Recognises a flow format from the first ~20 non-empty lines: a header or comment line
 * names it outright; otherwise the first line shaped like a flow of some format decides
 * (a seed-format date line alone is not enough: a seed flow line must follow).
 */
export function detectFormat(headLines: string[]): FlowFormatId | null {
  let examined = 0;
  for (const raw of headLines) {
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (examined === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === "") continue;
    if (++examined > DETECTION_LINE_COUNT) break;
    if (line.startsWith("#separator") || line.startsWith("#path\tconn")) {
      // Zeek TSV preamble; the #fields line a few lines below confirms a conn.log.
      continue;
    }
    const format = detectFromLine(line);
    if (format !== null) return format;
  }
  return null;
}
