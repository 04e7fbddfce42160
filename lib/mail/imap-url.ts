/** IMAP_URL, read into connection settings. Pure: no I/O. */
export interface ImapSettings {
  host: string;
  port: number;
  /** TLS from the first byte (imaps://); otherwise STARTTLS is required, except on loopback. */
  secure: boolean;
  requireStartTls: boolean;
  user: string;
  pass: string;
  mailbox: string;
  processedFolder: string;
  failedFolder: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function parseImapUrl(value: string): ImapSettings {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error("must be a URL such as imaps://user:password@mail.example.org:993/INBOX");
  }
  if (url.protocol !== "imaps:" && url.protocol !== "imap:")
    throw new Error("must start with imaps:// (TLS) or imap:// (STARTTLS)");
  if (!url.hostname) throw new Error("names no host");
  if (!url.username || !url.password)
    throw new Error("must carry the mailbox's user and password (imaps://user:password@host/INBOX)");
  const secure = url.protocol === "imaps:";
  const folder = (name: string, fallback: string) => {
    const chosen = url.searchParams.get(name)?.trim() || fallback;
    if (/[\u0000-\u001f*%]/.test(chosen)) throw new Error(`${name} folder name has characters IMAP does not allow`);
    return chosen;
  };
  const mailbox = decodeURIComponent(url.pathname.replace(/^\/+/, "")) || "INBOX";
  const settings = {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    requireStartTls: !secure && !LOOPBACK.has(url.hostname),
    user: decodeURIComponent(url.username),
    pass: decodeURIComponent(url.password),
    mailbox,
    processedFolder: folder("processed", "Processed"),
    failedFolder: folder("failed", "Failed"),
  };
  if (settings.processedFolder === mailbox || settings.failedFolder === mailbox)
    throw new Error("the processed and failed folders must differ from the mailbox read");
  return settings;
}
