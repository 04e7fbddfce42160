import { summariseAuthenticationResults } from "./authentication-results";

/** What analysts read of a received message, wherever it is listed (on an incident, or unmatched). */
export const MAIL_FOR_READING = {
  id: true,
  kind: true,
  fromAddress: true,
  fromName: true,
  subject: true,
  receivedAt: true,
  text: true,
  foldedText: true,
  authResults: true,
  note: true,
  attachments: true,
} as const;

/** The message with its Authentication-Results read into a summary. */
export function withAuthentication<T extends { authResults: string | null }>(row: T) {
  return { ...row, authentication: summariseAuthenticationResults(row.authResults) };
}
