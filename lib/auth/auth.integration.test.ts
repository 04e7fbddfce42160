import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createAuthAdapter } from "./adapter";
import { isEligibleForEmailSignIn } from "./email-sign-in";
import { hashPassword, verifyPassword } from "./password";

let collegeId: string;

beforeAll(async () => {
  const college = await db.organisation.create({
    data: {
      name: "Auth Test College",
      slug: "auth-test-college",
      contacts: {
        create: [
          { name: "Active Contact", email: "Contact@Auth-College.example", role: "SECURITY" },
          { name: "Former Contact", email: "former@auth-college.example", active: false },
        ],
      },
    },
  });
  collegeId = college.id;
  const closed = await db.organisation.create({
    data: {
      name: "Closed Institute",
      slug: "closed-institute",
      active: false,
      contacts: { create: [{ name: "X", email: "x@closed.example" }] },
    },
  });
  await db.user.createMany({
    data: [
      { email: "analyst@auth-test.example", name: "Analyst", role: "ANALYST" },
      { email: "member@auth-college.example", name: "Member", role: "INSTITUTION" },
      { email: "orphan@auth-college.example", name: "No organisation", role: "INSTITUTION" },
      { email: "disabled@auth-college.example", name: "Disabled", role: "INSTITUTION", active: false },
      { email: "closed-member@closed.example", name: "Closed member", role: "INSTITUTION" },
    ],
  });
  const member = await db.user.findUniqueOrThrow({ where: { email: "member@auth-college.example" } });
  const disabled = await db.user.findUniqueOrThrow({ where: { email: "disabled@auth-college.example" } });
  const closedMember = await db.user.findUniqueOrThrow({ where: { email: "closed-member@closed.example" } });
  await db.membership.createMany({
    data: [
      { userId: member.id, organisationId: college.id },
      { userId: disabled.id, organisationId: college.id },
      { userId: closedMember.id, organisationId: closed.id },
    ],
  });
});

describe("who may sign in by e-mail link", () => {
  it.each([
    ["member@auth-college.example", true, "institution user with an active organisation"],
    ["MEMBER@auth-college.example ", true, "the same, typed differently"],
    ["contact@auth-college.example", true, "active contact without an account yet"],
    ["analyst@auth-test.example", false, "CSIRT staff use a password"],
    ["orphan@auth-college.example", false, "institution user with no organisation"],
    ["disabled@auth-college.example", false, "deactivated user"],
    ["former@auth-college.example", false, "deactivated contact"],
    ["x@closed.example", false, "contact of an inactive organisation"],
    ["closed-member@closed.example", false, "member of an inactive organisation only"],
    ["nobody@nowhere.example", false, "unknown address"],
  ])("%s → %s (%s)", async (email, expected) => {
    expect(await isEligibleForEmailSignIn(db, email)).toBe(expected);
  });
});

describe("Auth.js adapter", () => {
  const adapter = createAuthAdapter(db);

  it("turns a contact's first sign-in into an institution user of that organisation", async () => {
    const user = await adapter.createUser!({
      id: "ignored",
      email: "Contact@Auth-College.example",
      emailVerified: new Date(),
    });
    expect(user.email).toBe("contact@auth-college.example");
    expect(user.role).toBe("INSTITUTION");
    const memberships = await db.membership.findMany({ where: { userId: user.id } });
    expect(memberships.map((membership) => membership.organisationId)).toEqual([collegeId]);
    expect(user.name).toBe("Active Contact");
  });

  it("refuses to create a user for an address that is not an active contact", async () => {
    await expect(
      adapter.createUser!({ id: "x", email: "stranger@nowhere.example", emailVerified: null }),
    ).rejects.toThrow(/not an active contact/);
  });

  it("does not return deactivated users", async () => {
    expect(await adapter.getUserByEmail!("disabled@auth-college.example")).toBeNull();
    expect(await adapter.getUserByEmail!("member@auth-college.example")).not.toBeNull();
  });

  it("lets a sign-in link be used once, even by two simultaneous clicks", async () => {
    const expires = new Date(Date.now() + 60_000);
    await adapter.createVerificationToken!({
      identifier: "member@auth-college.example",
      token: "hashed-token-1",
      expires,
    });
    const attempts = await Promise.all([
      adapter.useVerificationToken!({ identifier: "member@auth-college.example", token: "hashed-token-1" }),
      adapter.useVerificationToken!({ identifier: "member@auth-college.example", token: "hashed-token-1" }),
    ]);
    expect(attempts.filter(Boolean)).toHaveLength(1);
    expect(
      await adapter.useVerificationToken!({ identifier: "member@auth-college.example", token: "hashed-token-1" }),
    ).toBeNull();
  });

  it("does not accept a token for another address", async () => {
    await adapter.createVerificationToken!({
      identifier: "member@auth-college.example",
      token: "hashed-token-2",
      expires: new Date(Date.now() + 60_000),
    });
    expect(
      await adapter.useVerificationToken!({ identifier: "contact@auth-college.example", token: "hashed-token-2" }),
    ).toBeNull();
  });
});

describe("passwords", () => {
  it("are stored as argon2id and verified", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "wrong")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });

  it("are never read unless a query asks for them", async () => {
    const user = await db.user.findFirstOrThrow();
    expect(user).not.toHaveProperty("passwordHash");
  });
});
