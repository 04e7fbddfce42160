/** The steps we ask an institution to work through, as a checklist on the response form. */
export const RESPONSE_STEPS = [
  { key: "outboundBlocked", label: "Outbound SSH from the address is blocked" },
  { key: "hostLocated", label: "The host behind the address is found (NAT, proxy or VPN logs checked)" },
  { key: "processIdentified", label: "The process, the account it runs as and its program file are identified" },
  { key: "vectorFound", label: "We know how the host was compromised" },
  { key: "passwordsAudited", label: "Passwords on the host are audited and weak ones replaced" },
  { key: "similarSystemsChecked", label: "Similar systems are checked for the same weakness" },
] as const;

export type ResponseStepKey = (typeof RESPONSE_STEPS)[number]["key"];

export const ROOT_CAUSES = [
  { key: "weak-password", label: "Weak or reused password" },
  { key: "missing-patch", label: "Missing security patch" },
  { key: "misconfiguration", label: "Misconfiguration" },
  { key: "authorised-activity", label: "Authorised activity (our own scanner or test)" },
  { key: "host-not-found", label: "Host not found" },
  { key: "other", label: "Other" },
] as const;

export type RootCauseKey = (typeof ROOT_CAUSES)[number]["key"];

export function rootCauseLabel(key: string | null | undefined): string | null {
  return ROOT_CAUSES.find((cause) => cause.key === key)?.label ?? key ?? null;
}

/**
 * Logs attached to a response travel in the form's server action, which takes at most 1 MB
 * (Next.js's default, kept on purpose: lib/http/request-limits.ts). Larger captures go to the
 * CSIRT another way (the analyst asks); a trimmed log is what a response needs.
 */
export const RESPONSE_ATTACHMENT_LIMITS = { files: 5, totalBytes: 900 * 1024, label: "900 KB" } as const;

/** What is wrong with the chosen files, checked in the browser before anything is sent (and again on the server). */
export function attachmentProblem(files: ReadonlyArray<{ name: string; size: number }>): string | null {
  const chosen = files.filter((file) => file.size > 0 || file.name);
  if (chosen.length > RESPONSE_ATTACHMENT_LIMITS.files)
    return `Attach at most ${RESPONSE_ATTACHMENT_LIMITS.files} files.`;
  const total = chosen.reduce((sum, file) => sum + file.size, 0);
  if (total > RESPONSE_ATTACHMENT_LIMITS.totalBytes) {
    return `The files come to more than ${RESPONSE_ATTACHMENT_LIMITS.label} together: attach the relevant part of the logs.`;
  }
  return null;
}
