/**
 * CSV text → rows of trimmed cells, each with the physical line it starts on.
 *
 * Line numbers come from csv-parse's `info.bytes` (where each record ends), not `info.lines`:
 * csv-parse 7 counts a CRLF inside a quoted field as two lines, so every later line number
 * of a Windows file with a multi-line cell would be off.
 */
import { CsvError, parse } from "csv-parse/sync";
import { normaliseColumnName } from "./organisations-csv-columns";

export interface CsvRow {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvRows {
  rows: CsvRow[];
  /** The text could not be read past this point (an unclosed quote, say); rows before it are complete. */
  fatal: { line: number; message: string } | null;
}

const LF = 10;
const CR = 13;

/** Advances through the bytes counting line breaks (LF, CRLF or a lone CR). */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly bytes: Buffer) {}

  /** The line of the first non-blank byte at or after `from` (the record start after skipped blank lines). */
  lineOfRecordStartingAt(from: number): number {
    this.advanceTo(from);
    const bytes = this.bytes;
    let at = from;
    while (at < bytes.length && (bytes[at] === LF || bytes[at] === CR || bytes[at] === 32 || bytes[at] === 9)) at++;
    this.advanceTo(at);
    return this.line;
  }

  private advanceTo(target: number): void {
    const bytes = this.bytes;
    for (let i = this.offset; i < target; i++) {
      const byte = bytes[i];
      if (byte === LF || (byte === CR && bytes[i + 1] !== LF)) this.line++;
    }
    if (target > this.offset) this.offset = target;
  }
}

/** Spreadsheets in many locales save CSV with ';' (or tabs): pick the one that splits the header into known names. */
function detectDelimiter(text: string): string {
  const firstLine =
    text
      .replace(/^\uFEFF/, "")
      .split(/\r\n|\n|\r/)
      .find((line) => line.trim() !== "") ?? "";
  for (const delimiter of [",", ";", "\t"]) {
    if (firstLine.split(delimiter).some((cell) => normaliseColumnName(cell.replace(/"/g, "")) === "organisation"))
      return delimiter;
  }
  return ",";
}

/** We write '=…', '+…', '-…', '@…' with a leading apostrophe so spreadsheets show text, not a formula; undo it. */
export function removeFormulaGuard(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return 'a quoted cell that starts on this line is never closed (a " is missing); nothing after it could be read';
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return 'text follows the closing " of a quoted cell; inside a quoted cell write a quote as ""; nothing after it could be read';
    default:
      return `the CSV cannot be read past this point: ${error.message}`;
  }
}

export function readCsvRows(text: string): CsvRows {
  const bytes = Buffer.from(text, "utf8");
  const lines = new LineCounter(bytes);
  const rows: CsvRow[] = [];
  let recordStart = 0;
  try {
    parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context) => {
        rows.push({ line: lines.lineOfRecordStartingAt(recordStart), cells: record.map(removeFormulaGuard) });
        recordStart = context.bytes;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { rows, fatal: { line: lines.lineOfRecordStartingAt(recordStart), message: describeCsvError(error) } };
  }
  return { rows, fatal: null };
}
