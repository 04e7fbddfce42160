import type { CurrentUser } from "@/lib/auth/session-user";
import type { Db } from "@/lib/db/client";
import { beginTotpEnrolment, type TotpEnrolment } from "./enrol-totp";
import { hasSecondFactor, type SecondFactorStatus, secondFactorStatus } from "./second-factor-policy";

export type SecondFactorPage = { mode: "verify"; status: SecondFactorStatus } | { mode: "enrol"; totp: TotpEnrolment };

/** What the second-factor page shows: the ways to confirm, or (someone who must and has none) setting one up. */
export async function secondFactorPage(db: Db, user: Pick<CurrentUser, "id" | "email">): Promise<SecondFactorPage> {
  const status = await secondFactorStatus(db, user.id);
  if (hasSecondFactor(status)) return { mode: "verify", status };
  return { mode: "enrol", totp: await beginTotpEnrolment(db, { userId: user.id, email: user.email }) };
}
