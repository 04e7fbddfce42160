import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { updateSettings } from "@/lib/settings/update-settings";
import { beginTotpEnrolment, confirmTotpEnrolment, renewRecoveryCodes } from "./enrol-totp";
import { RECOVERY_CODE_COUNT } from "./recovery-codes";
import { resetSecondFactor } from "./reset-second-factor";
import { secondFactorAtSignIn, secondFactorStatus } from "./second-factor-policy";
import { totpCodeAt } from "./totp";
import { verifySecondFactorCode } from "./verify-second-factor";

const context = { ip: "192.0.2.10", userAgent: "vitest" };
let person: { id: string; email: string };
let counter = 0;

async function secretOf(userId: string): Promise<string> {
  const row = await db.secondFactor.findUniqueOrThrow({ where: { userId }, select: { totpSecret: true } });
  return row.totpSecret;
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

/** An admin who has set up an authenticator app; returns the recovery codes shown at enrolment. */
async function enrolled(): Promise<string[]> {
  await beginTotpEnrolment(db, { userId: person.id, email: person.email });
  return confirmTotpEnrolment(db, { person, code: await totpCodeAt(await secretOf(person.id), new Date()), context });
}

beforeEach(async () => {
  counter += 1;
  const user = await db.user.create({
    data: { email: `admin${counter}@csirt.example`, name: "Admin", role: "ADMIN" },
    select: { id: true, email: true },
  });
  person = user;
  // Each test its own client address, so address buckets do not carry over.
  context.ip = `192.0.2.${counter}`;
});

describe("who needs a second factor", () => {
  it("admins always; analysts when the setting says so; anyone who has set one up", async () => {
    const analyst = await db.user.create({
      data: { email: `analyst${counter}@csirt.example`, name: "Analyst", role: "ANALYST" },
    });
    expect(await secondFactorAtSignIn(db, { userId: person.id, role: "ADMIN" })).toBe("pending");
    expect(await secondFactorAtSignIn(db, { userId: analyst.id, role: "ANALYST" })).toBe("none");
    await updateSettings(db, {
      values: { "auth.analystsNeedSecondFactor": 1 },
      actor: { id: person.id, label: person.email },
    });
    expect(await secondFactorAtSignIn(db, { userId: analyst.id, role: "ANALYST" })).toBe("pending");
    await updateSettings(db, {
      values: { "auth.analystsNeedSecondFactor": 0 },
      actor: { id: person.id, label: person.email },
    });
    await db.passkey.create({
      data: { id: `cred-${counter}`, userId: analyst.id, publicKey: Buffer.from([1]), name: "key" },
    });
    expect(await secondFactorAtSignIn(db, { userId: analyst.id, role: "ANALYST" })).toBe("pending");
  });
});

describe("authenticator app (TOTP)", () => {
  it("is confirmed by its first code, audited, and gives ten recovery codes stored only as hashes", async () => {
    const enrolment = await beginTotpEnrolment(db, { userId: person.id, email: person.email });
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);
    // Asking again before confirming gives the same secret (a reload does not break the app just added).
    expect((await beginTotpEnrolment(db, { userId: person.id, email: person.email })).secret).toBe(enrolment.secret);
    const wrong = await refusal(confirmTotpEnrolment(db, { person, code: "000000", context }));
    expect(wrong.code).toBe("INVALID_INPUT");
    const codes = await confirmTotpEnrolment(db, {
      person,
      code: await totpCodeAt(await secretOf(person.id), new Date()),
      context,
    });
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    const stored = await db.recoveryCode.findMany({ where: { userId: person.id } });
    expect(stored.map((row) => row.codeHash)).not.toContain(codes[0]);
    expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.codeHash))).toBe(true);
    expect(await secondFactorStatus(db, person.id)).toEqual({ totp: true, passkeys: 0, recoveryCodesLeft: 10 });
    const audit = await db.auditLog.findMany({ where: { actorId: person.id }, select: { action: true } });
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["mfa.totp.enrol_failed", "mfa.totp.enrolled"]),
    );
    expect(await refusal(beginTotpEnrolment(db, { userId: person.id, email: person.email }))).toMatchObject({
      code: "CONFLICT",
    });
  });

  it("accepts a code once: the same code again (same time step) is refused as a replay", async () => {
    await enrolled();
    const secret = await secretOf(person.id);
    // The enrolment used this step's code; the next step's code is valid (clock drift) and new.
    const next = await totpCodeAt(secret, new Date(Date.now() + 30_000));
    await verifySecondFactorCode(db, { person, kind: "totp", code: next, context, purpose: "signin" });
    const replay = await refusal(
      verifySecondFactorCode(db, { person, kind: "totp", code: next, context, purpose: "signin" }),
    );
    expect(replay.message).toMatch(/already used/);
    // An older step (already passed) is a replay too.
    const now = await totpCodeAt(secret, new Date());
    expect(
      (await refusal(verifySecondFactorCode(db, { person, kind: "totp", code: now, context, purpose: "signin" })))
        .message,
    ).toMatch(/already used|not right/);
    const failed = await db.auditLog.findMany({
      where: { actorId: person.id, action: "signin.second_factor.failed" },
      select: { data: true },
    });
    expect(failed.some((entry) => (entry.data as { replayed?: boolean }).replayed === true)).toBe(true);
  });

  it("two requests with the same code at once: exactly one gets in", async () => {
    await enrolled();
    const code = await totpCodeAt(await secretOf(person.id), new Date(Date.now() + 30_000));
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        verifySecondFactorCode(db, { person, kind: "totp", code, context, purpose: "signin" }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("wrong codes count toward the sign-in rate limit: after ten, even the right code is refused", async () => {
    await enrolled();
    for (let attempt = 0; attempt < 10; attempt++) {
      const wrong = await refusal(
        verifySecondFactorCode(db, { person, kind: "totp", code: "123456", context, purpose: "signin" }),
      );
      expect(wrong.code).toBe("INVALID_INPUT");
    }
    const bucket = await db.rateLimitBucket.findUnique({ where: { key: `signin:account:${person.email}` } });
    expect(bucket?.count).toBe(10);
    const right = await totpCodeAt(await secretOf(person.id), new Date(Date.now() + 30_000));
    const blocked = await refusal(
      verifySecondFactorCode(db, { person, kind: "totp", code: right, context, purpose: "signin" }),
    );
    expect(blocked.code).toBe("RATE_LIMITED");
    expect(
      await db.auditLog.count({ where: { actorId: person.id, action: "signin.second_factor.rate_limited" } }),
    ).toBe(1);
  });
});

describe("recovery codes", () => {
  it("each works once, typed in any case with or without the dash; renewing replaces them all", async () => {
    const codes = await enrolled();
    const first = codes[0]!;
    await verifySecondFactorCode(db, {
      person,
      kind: "recovery",
      code: ` ${first.toUpperCase().replace("-", "")} `,
      context,
      purpose: "signin",
    });
    expect(
      (await refusal(verifySecondFactorCode(db, { person, kind: "recovery", code: first, context, purpose: "signin" })))
        .code,
    ).toBe("INVALID_INPUT");
    expect((await secondFactorStatus(db, person.id)).recoveryCodesLeft).toBe(9);
    const renewed = await renewRecoveryCodes(db, { person, context });
    expect(
      (
        await refusal(
          verifySecondFactorCode(db, { person, kind: "recovery", code: codes[1]!, context, purpose: "signin" }),
        )
      ).code,
    ).toBe("INVALID_INPUT");
    await verifySecondFactorCode(db, { person, kind: "recovery", code: renewed[5]!, context, purpose: "signin" });
    expect(await db.auditLog.count({ where: { actorId: person.id, action: "mfa.recovery_codes.renewed" } })).toBe(1);
  });
});

describe("an admin resets another staff member's second factor", () => {
  it("only with the admin's own code typed now; the person's factors and sessions end, audited", async () => {
    await enrolled();
    const colleague = await db.user.create({
      data: { email: `colleague${counter}@csirt.example`, name: "Colleague", role: "ANALYST" },
    });
    await beginTotpEnrolment(db, { userId: colleague.id, email: colleague.email });
    await confirmTotpEnrolment(db, {
      person: colleague,
      code: await totpCodeAt(await secretOf(colleague.id), new Date()),
      context,
    });
    await db.passkey.create({
      data: { id: `colleague-key-${counter}`, userId: colleague.id, publicKey: Buffer.from([1]), name: "key" },
    });
    const wrong = await refusal(
      resetSecondFactor(db, { admin: person, targetUserId: colleague.id, kind: "totp", code: "000000", context }),
    );
    expect(wrong.code).toBe("INVALID_INPUT");
    expect(await secondFactorStatus(db, colleague.id)).toMatchObject({ totp: true, passkeys: 1 });
    expect(
      (
        await refusal(
          resetSecondFactor(db, { admin: person, targetUserId: person.id, kind: "totp", code: "000000", context }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    const code = await totpCodeAt(await secretOf(person.id), new Date(Date.now() + 30_000));
    await resetSecondFactor(db, { admin: person, targetUserId: colleague.id, kind: "totp", code, context });
    expect(await secondFactorStatus(db, colleague.id)).toEqual({ totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect((await db.user.findUniqueOrThrow({ where: { id: colleague.id } })).sessionVersion).toBe(1);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "mfa.reset", targetId: colleague.id } });
    expect(entry.actorId).toBe(person.id);
    // The admin's code is spent: the same code cannot reset anyone again.
    expect(
      (await refusal(resetSecondFactor(db, { admin: person, targetUserId: colleague.id, kind: "totp", code, context })))
        .message,
    ).toMatch(/already used/);
  });
});
