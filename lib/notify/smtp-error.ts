/** A 5xx from the mail server: retrying the same message will not help. */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/** What the mail server (or the connection) said, short enough to store. */
export function describeSmtpError(error: unknown): string {
  const { response, code, message } = error as { response?: string; code?: string; message?: string };
  return (response ?? message ?? code ?? String(error)).slice(0, 1000);
}
