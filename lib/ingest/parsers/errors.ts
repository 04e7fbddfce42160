/** What the parsers accept, for error messages and the UI: plain words, no Markdown (people read these on pages and in mail). */
export const SUPPORTED_FORMAT_NAMES = [
  'seed flow lines ("HH:MM:SSZ PROTO src:port -> dst:port FLAGS packets bytes" under date lines)',
  "nfdump CSV (nfdump -o csv from 1.6 on, and -o csv-fast from 1.7.4)",
  "nfdump text (-o line, -o long, -o extended) and -o pipe",
  "binary nfcapd files (read with nfdump, which must be installed)",
  "Zeek conn.log (TSV or JSON lines)",
  "SiLK rwcut (its default output, columns separated by |)",
  "Argus / CTU-13 binetflow CSV",
] as const;

/** The input is not a flow file this ingest can read. The message says why and what is supported. */
export class UnknownFormatError extends Error {
  readonly detail: string;

  constructor(detail: string, { hint }: { hint?: string } = {}) {
    super(
      `Unrecognised flow file: ${detail}. ${hint ? `${hint} ` : ""}Supported formats: ${SUPPORTED_FORMAT_NAMES.join("; ")}. ` +
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
        "Install it (on Debian or Ubuntu: apt-get install nfdump) or set NFDUMP_PATH to the nfdump program.",
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

/** sshd's own log lines ("sshd[1234]: Failed password for …"), which come as third-party reports, not flows. */
export function looksLikeSshdLog(text: string): boolean {
  return /\bsshd\[\d+\]: (Failed|Invalid|Accepted|Disconnected|Connection|Received)/.test(text);
}

export const SSHD_LOG_HINT =
  'This looks like an sshd log, not flow records: paste it into the "Third-party sshd log" box on the ingest page instead.';
