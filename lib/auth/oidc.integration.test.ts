import { Auth } from "@auth/core";
import { decode } from "@auth/core/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startTestIdp, type TestAccount, type TestIdp } from "@/test/support/oidc-test-provider";
import { buildAuthConfig } from "./auth-options";
import type { OidcSettings } from "./oidc";

/**
 * Single sign-on end to end, in-process: Auth.js (our configuration) against a real OpenID
 * Connect provider on loopback. The browser is a cookie jar following redirects.
 */
const APP = "http://localhost:3999";
const SECRET = "test-secret-for-sso-sessions-0123456789";
process.env.AUTH_SECRET ??= SECRET;

let idp: TestIdp;
let settings: OidcSettings;
let collegeId: string;

type Jar = Map<string, string>;
function remember(jar: Jar, response: Response) {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(";");
    const index = pair!.indexOf("=");
    const name = pair!.slice(0, index);
    const value = pair!.slice(index + 1);
    if (value === "" || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
    else jar.set(name, value);
  }
}
const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** Signs in through the IdP as `sub`; returns where Auth.js sends the browser and the session it set, if any. */
async function ssoSignIn(sub: string, { amr = ["pwd"] }: { amr?: string[] } = {}) {
  idp.login = { sub, amr };
  const config = { ...buildAuthConfig(db, settings), secret: process.env.AUTH_SECRET, basePath: "/api/auth" };
  const app: Jar = new Map();
  const call = async (url: string, init: RequestInit = {}) => {
    const response = await Auth(
      new Request(url, { ...init, headers: { ...(init.headers ?? {}), cookie: cookieHeader(app) } }),
      config,
    );
    remember(app, response);
    return response;
  };
  const { csrfToken } = (await (await call(`${APP}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await call(`${APP}/api/auth/signin/oidc`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${APP}/incidents` }),
  });
  let location = start.headers.get("location")!;
  expect(location.startsWith(idp.issuer)).toBe(true);
  // At the IdP: its own cookies, redirects until it sends the browser back to us.
  const provider: Jar = new Map();
  for (let hop = 0; hop < 10 && location.startsWith(idp.issuer); hop++) {
    const response = await fetch(location, { redirect: "manual", headers: { cookie: cookieHeader(provider) } });
    remember(provider, response);
    location = new URL(response.headers.get("location")!, location).toString();
  }
  expect(location.startsWith(`${APP}/api/auth/callback/oidc`)).toBe(true);
  const back = await call(location);
  const token = app.get("authjs.session-token");
  const session = token
    ? await decode({ token, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" })
    : null;
  return { location: back.headers.get("location") ?? "", session };
}

function account(sub: string, claims: Partial<TestAccount> & { email: string }) {
  idp.accounts.set(sub, { email_verified: true, name: sub, ...claims });
}

beforeAll(async () => {
  idp = await startTestIdp({ redirectUri: `${APP}/api/auth/callback/oidc` });
  settings = {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    name: "Test IdP",
    roleClaim: "groups",
    adminValues: ["csirt-admins"],
    analystValues: ["csirt-analysts"],
  };
  const college = await db.organisation.create({
    data: {
      name: "SSO College",
      slug: "sso-college",
      contacts: { create: [{ name: "Sam Contact", email: "sam@sso-college.example" }] },
    },
  });
  collegeId = college.id;
  await db.organisation.create({ data: { name: "Other Org", slug: "other-org" } });
});

afterAll(async () => {
  await idp.close();
});

beforeEach(() => {
  idp.tamper = null;
});

describe("single sign-on against a real OpenID Connect provider", () => {
  it("signs in an analyst the IdP names, making the account; an admin needs our second factor unless the IdP did MFA", async () => {
    account("ana", { email: "Ana@CSIRT.example", groups: ["staff", "csirt-analysts"] });
    const analyst = await ssoSignIn("ana");
    expect(analyst.location).toBe(`${APP}/incidents`);
    const user = await db.user.findUniqueOrThrow({ where: { email: "ana@csirt.example" } });
    expect(user.role).toBe("ANALYST");
    expect(analyst.session).toMatchObject({ sub: user.id, role: "ANALYST", secondFactor: "none" });
    expect(await db.auditLog.count({ where: { actorId: user.id, action: "signin.sso" } })).toBe(1);

    account("ada", { email: "ada@csirt.example", groups: ["csirt-admins"] });
    const passwordOnly = await ssoSignIn("ada", { amr: ["pwd"] });
    expect(passwordOnly.session).toMatchObject({ role: "ADMIN", secondFactor: "pending" });
    const withMfa = await ssoSignIn("ada", { amr: ["pwd", "otp", "mfa"] });
    expect(withMfa.session).toMatchObject({ role: "ADMIN", secondFactor: "verified" });

    // The IdP moves her to analysts: the role follows, audited.
    account("ada", { email: "ada@csirt.example", groups: ["csirt-analysts"] });
    expect((await ssoSignIn("ada")).session).toMatchObject({ role: "ANALYST" });
    expect(await db.auditLog.count({ where: { action: "user.role.sso" } })).toBe(1);
  });

  it("lets in a site contact with a verified address as an institution user of their organisation only", async () => {
    account("sam", { email: "sam@sso-college.example" });
    const result = await ssoSignIn("sam");
    expect(result.session).toMatchObject({ role: "INSTITUTION", secondFactor: "none" });
    const user = await db.user.findUniqueOrThrow({
      where: { email: "sam@sso-college.example" },
      include: { memberships: true },
    });
    expect(user.memberships.map((membership) => membership.organisationId)).toEqual([collegeId]);
  });

  it("refuses an unverified address, a stranger, and an institution address claiming a staff group", async () => {
    account("unverified", { email: "sam@sso-college.example", email_verified: false });
    const unverified = await ssoSignIn("unverified");
    expect(unverified.location).toContain("/signin?error=AccessDenied");
    expect(unverified.session).toBeNull();

    account("stranger", { email: "stranger@elsewhere.example" });
    expect((await ssoSignIn("stranger")).session).toBeNull();
    expect(await db.user.count({ where: { email: "stranger@elsewhere.example" } })).toBe(0);

    account("climber", { email: "sam@sso-college.example", groups: ["csirt-admins"] });
    expect((await ssoSignIn("climber")).session).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { email: "sam@sso-college.example" } })).role).toBe("INSTITUTION");
    const reasons = await db.auditLog.findMany({ where: { action: "signin.sso.refused" }, select: { data: true } });
    expect(reasons).toHaveLength(3);
  });

  it.each([
    ["audience", { aud: "some-other-client" }],
    ["nonce", { nonce: "not-the-nonce-we-sent" }],
    ["issuer", { iss: "http://127.0.0.1:1/other-issuer" }],
  ])("refuses an ID token with the wrong %s, signed by the provider's own key", async (_what, tamper) => {
    account("tampered", { email: "tom@csirt.example", groups: ["csirt-analysts"] });
    idp.tamper = tamper;
    const result = await ssoSignIn("tampered");
    expect(result.session).toBeNull();
    expect(result.location).toContain("/signin?error=");
    expect(await db.user.count({ where: { email: "tom@csirt.example" } })).toBe(0);
    // The same person, the same provider, an honest token: in.
    idp.tamper = null;
    expect((await ssoSignIn("tampered")).session).toMatchObject({ role: "ANALYST" });
    await db.user.delete({ where: { email: "tom@csirt.example" } });
  });
});
