/** What the parsers accept, for error messages and the UI. */
export const SUPPORTED_FORMAT_NAMES = [
  "seed flow lines (`HH:MM:SSZ PROTO src:port -> dst:port FLAGS packets bytes` under date lines)",
  "nfdump CSV (1.6.x/1.7.0–1.7.3 `-o csv`, 1.7.4+ `-o csv` and `-o csv-fast`)",
  "nfdump text (`-o line`, `-o long`, `-o extended`) and `-o pipe`",
  "binary nfcapd files (read with nfdump, which must be installed)",
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

/** nfcapd files are read by running nfdump; it is not installed (or NFDUMP_PATH points nowhere). */
export class NfdumpMissingError extends Error {
  constructor(readonly binary: string) {
    super(
      `This is a binary nfcapd file, which is read with nfdump, but nfdump was not found (${binary}). ` +
        "Install it (Debian/Ubuntu: `apt-get install nfdump`) or set NFDUMP_PATH to the nfdump program.",
    );
    this.name = "NfdumpMissingError";
  }
}

/** nfdump could not read an nfcapd file (truncated, corrupt, unreadable): its own words are the message. */
export class NfdumpFailedError extends Error {
  constructor(
    readonly reason: string,
    readonly exitCode: number | null,
  ) {
    super(`nfdump could not read the nfcapd file: ${reason}`);
    this.name = "NfdumpFailedError";
  }
}

/** A gzip file that expands past the per-run limit (a decompression bomb, or a file to send in parts). */
export class DecompressedTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    const mib = Math.floor(limitBytes / 1024 ** 2).toLocaleString("en");
    super(
      `The file expands to more than ${mib} MiB when decompressed (setting ingest.maxDecompressedMiB); ` +
        "nothing from it was counted. Split it into smaller files, or raise the setting.",
    );
    this.name = "DecompressedTooLargeError";
  }
}
