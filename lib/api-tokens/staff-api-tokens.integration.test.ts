import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { authenticateApiToken, createApiToken } from "./api-tokens";
import { createStaffApiToken, listAllApiTokens, revokeAnyApiToken } from "./staff-api-tokens";

let admin: CurrentUser;
let analyst: CurrentUser;
let organisationToken: { id: string; token: string };

beforeAll(async () => {
  const person = async (email: string, role: "ADMIN" | "ANALYST" | "INSTITUTION") => {
    const row = await db.user.create({ data: { email, name: email, role } });
    return { id: row.id, email, name: email, role, organisationIds: [] } satisfies CurrentUser;
  };
  admin = await person("admin@csirt.test", "ADMIN");
  analyst = await person("analyst@csirt.test", "ANALYST");
  const organisation = await db.organisation.create({ data: { name: "College T", slug: "college-t" } });
  const member = await person("it@college-t.test", "INSTITUTION");
  await db.membership.create({ data: { userId: member.id, organisationId: organisation.id } });
  organisationToken = await createApiToken(db, {
    name: "Their ticket system",
    scopes: ["incidents:read"],
    createdById: member.id,
    organisationId: organisation.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
});

const refused = (code: string) => (error: unknown) => isAppError(error, code as never);

describe("CSIRT tokens made in the browser", () => {
  it("an administrator makes one that works, expires when chosen, and is audited without the token", async () => {
    const created = await createStaffApiToken(db, {
      user: admin,
      input: { name: "SOAR", scopes: ["incidents:read", "organisations:read"], days: 30 },
    });
    const identity = await authenticateApiToken(db, `Bearer ${created.token}`);
    expect(identity).toMatchObject({ name: "SOAR", audience: "staff", organisationId: null });
    expect(Math.round((created.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(30);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "api_token.create", targetId: identity.id } });
    expect(JSON.stringify(audit.data)).not.toContain(created.token);
    expect(audit.data).toMatchObject({ name: "SOAR", scopes: ["incidents:read", "organisations:read"] });
  });

  it("an analyst can neither make nor revoke one", async () => {
    await expect(
      createStaffApiToken(db, { user: analyst, input: { name: "Mine", scopes: ["ingest"], days: 30 } }),
    ).rejects.toSatisfy(refused("FORBIDDEN"));
    await expect(revokeAnyApiToken(db, { user: analyst, tokenId: organisationToken.id })).rejects.toSatisfy(
      refused("FORBIDDEN"),
    );
    await expect(authenticateApiToken(db, `Bearer ${organisationToken.token}`)).resolves.toBeTruthy();
  });

  it("an administrator revokes an organisation's token: it stops at once, and the list moves it", async () => {
    await revokeAnyApiToken(db, { user: admin, tokenId: organisationToken.id });
    await expect(authenticateApiToken(db, `Bearer ${organisationToken.token}`)).rejects.toSatisfy(
      refused("UNAUTHENTICATED"),
    );
    // Revoking again changes nothing and records nothing more.
    await revokeAnyApiToken(db, { user: admin, tokenId: organisationToken.id });
    expect(await db.auditLog.count({ where: { action: "api_token.revoke", targetId: organisationToken.id } })).toBe(1);
    const { active, ended } = await listAllApiTokens(db);
    expect(active.map((token) => token.name)).toEqual(["SOAR"]);
    expect(ended.map((token) => [token.name, token.organisation?.slug])).toEqual([
      ["Their ticket system", "college-t"],
    ]);
    await expect(
      revokeAnyApiToken(db, { user: admin, tokenId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toSatisfy(refused("NOT_FOUND"));
  });

  it("a token its administrator no longer backs stops working", async () => {
    const made = await createStaffApiToken(db, {
      user: admin,
      input: { name: "Collector", scopes: ["ingest"], days: 90 },
    });
    await db.user.update({ where: { id: admin.id }, data: { active: false } });
    await expect(authenticateApiToken(db, `Bearer ${made.token}`)).rejects.toSatisfy(refused("UNAUTHENTICATED"));
    await db.user.update({ where: { id: admin.id }, data: { active: true } });
  });
});
