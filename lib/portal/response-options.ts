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
