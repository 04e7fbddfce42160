export interface ReportRow {
  label: string;
  lines: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number | null;
  maxRssBytes: number | null;
  scanners: string;
  check: string;
}

const COLUMNS = [
  "format",
  "lines",
  "MB",
  "seconds",
  "lines/s",
  "MB/s",
  "CPU s",
  "lines/CPU s",
  "peak RSS MB",
  "scanners found/planted",
  "check",
] as const;
const RIGHT_ALIGNED = new Set(["lines", "MB", "seconds", "lines/s", "MB/s", "CPU s", "lines/CPU s", "peak RSS MB"]);

const whole = (value: number) => Math.round(value).toLocaleString("en-GB");
const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

function cells(row: ReportRow): string[] {
  return [
    row.label,
    whole(row.lines),
    megabytes(row.bytes),
    row.seconds.toFixed(2),
    whole(row.lines / row.seconds),
    (row.bytes / 1e6 / row.seconds).toFixed(1),
    row.cpuSeconds === null ? "n/a" : row.cpuSeconds.toFixed(2),
    row.cpuSeconds === null ? "n/a" : whole(row.lines / row.cpuSeconds),
    row.maxRssBytes === null ? "n/a" : megabytes(row.maxRssBytes),
    row.scanners,
    row.check,
  ];
}

export function formatReportTable(rows: readonly ReportRow[]): string {
  const body = rows.map(cells);
  const widths = COLUMNS.map((title, column) => Math.max(title.length, ...body.map((row) => row[column]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, column) =>
        RIGHT_ALIGNED.has(COLUMNS[column]!) ? value.padStart(widths[column]!) : value.padEnd(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  return [line(COLUMNS), widths.map((width) => "-".repeat(width)).join("  "), ...body.map(line)].join("\n");
}
