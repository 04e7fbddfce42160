import type { IncidentType } from "@/lib/generated/prisma/enums";

/** What we ask a member to do about a host of theirs that scans for, or guesses, SSH logins. */
const SSH_ADVICE = `What we ask you to do
1. Stop the traffic: block outbound SSH (22/tcp) from {{sourceIp}} at your border
   until the host is cleaned.
2. Find the machine. If {{sourceIp}} is a NAT gateway, proxy or VPN concentrator, use
   its translation or session logs for the times above to find the inside host.
3. On that machine, find the process sending the connections, the account it runs
   as, and the program file it was started from. They show how far the intruder got.
4. Work out how it got in. Most often a guessable password on an account reachable
   over SSH was found by exactly this kind of scan from somewhere else. If the
   intruder gained root, do not trust the machine's own logs; use network records.
5. Check the passwords of every account on the host with a password auditing tool,
   and replace weak or shared ones.
6. Fix the cause (missing patch, password policy, exposed service) and check other
   systems built the same way for the same weakness.`;

const GENERIC_ADVICE = `Please find the host behind {{sourceIp}}, stop the activity, and tell us what you found.`;

export function adviceFor(type: IncidentType): string {
  return type === "SSH_SCAN" || type === "SSH_BRUTE_FORCE_REPORT" ? SSH_ADVICE : GENERIC_ADVICE;
}
