/** What the parsers accept, for error messages and the UI. */
export const SUPPORTED_FORMAT_NAMES = [
  "seed flow lines (`HH:MM:SSZ PROTO src:port -> dst:port FLAGS packets bytes` under date lines)",
  "nfdump CSV (1.6.x/1.7.0–1.7.3 `-o csv`, 1.7.4+ `-o csv` and `-o csv-fast`)",
  "nfdump text (`-o line`, `-o long`, `-o extended`)",
  "Zeek conn.log (TSV or JSON lines)",
  "SiLK rwcut (default `|`-delimited output)",
  "Argus / CTU-13 binetflow CSV",
] as const;

/** The input is not a flow file this ingest can read. The message says why and what is supported. */
export class UnknownFormatError extends Error {
  readonly detail: string;

  constructor(detail: string) {
    super(
      `Unrecognised flow file: ${detail}. Supported formats: ${SUPPORTED_FORMAT_NAMES.join("; ")}. ` +
        "Files may be gzip-compressed.",
    );
    this.name = "UnknownFormatError";
    this.detail = detail;
  }
}
