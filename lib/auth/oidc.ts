/**
 * Single sign-on through the organisation's OpenID Connect provider (IdP), configured by the
 * environment (OIDC_* in lib/env.ts). Auth.js runs the code flow with PKCE, state and nonce and
 * refuses an ID token whose issuer, audience, nonce or signature is wrong; what is decided here
 * is who may come in and as what:
 *
 * - the IdP must assert a verified e-mail address;
 * - a value of OIDC_ROLE_CLAIM listed in OIDC_ADMIN_VALUES / OIDC_ANALYST_VALUES makes CSIRT
 *   staff with that role (an account is made on first sign-in, the role follows the IdP);
 * - anyone else is an institution user when the address is an active contact of an active
 *   organisation: the same rule, and the same scoping, as an e-mail sign-in link;
 * - staff whose IdP says it checked more than a password (`amr` "mfa", or the REFEDS MFA
 *   `acr`) are not asked for our second factor; otherwise the password rules apply
 *   (docs/decisions/0007-staff-mfa-and-sso.md).
 */
import type { OIDCConfig } from "next-auth/providers";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { TEnv } from "@/lib/env";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { isEligibleForEmailSignIn, organisationsOfContact } from "./email-sign-in";
import { grantContactMemberships } from "./session-access";

export const OIDC_PROVIDER_ID = "oidc";
export const REFEDS_MFA = "https://refeds.org/profile/mfa";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  roleClaim: string;
  adminValues: string[];
  analystValues: string[];
}

export interface OidcProfile extends Record<string, unknown> {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  amr?: string[];
  acr?: string;
}

export function oidcSettings(env: TEnv): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME,
    roleClaim: env.OIDC_ROLE_CLAIM,
    adminValues: env.OIDC_ADMIN_VALUES,
    analystValues: env.OIDC_ANALYST_VALUES,
  };
}

export function oidcProvider(settings: OidcSettings): OIDCConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // The account is found by the verified address the IdP asserts (admitOidcUser decides who that may be).
    allowDangerousEmailAccountLinking: true,
    profile(profile) {
      const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
      return { id: profile.sub, email, name: typeof profile.name === "string" ? profile.name : email };
    },
  };
}

/** The staff role the IdP's claim gives, if any (admin wins over analyst). */
export function staffRoleFromClaims(profile: OidcProfile, settings: OidcSettings): UserRole | null {
  const raw = profile[settings.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === "string");
  if (values.some((value) => settings.adminValues.includes(value))) return "ADMIN";
  if (values.some((value) => settings.analystValues.includes(value))) return "ANALYST";
  return null;
}

/** Whether the IdP says the person proved more than a password (RFC 8176 `amr`, or the REFEDS MFA profile). */
export function idpCheckedSecondFactor(profile: OidcProfile): boolean {
  const amr = Array.isArray(profile.amr) ? profile.amr : [];
  return amr.includes("mfa") || profile.acr === REFEDS_MFA;
}

/**
 * Decides whether this IdP answer may sign in, and makes or updates the account it signs in to.
 * Refusals are audited with the reason and answered by Auth.js as "access denied".
 */
export async function admitOidcUser(
  db: Db,
  { profile, settings }: { profile: OidcProfile; settings: OidcSettings },
): Promise<boolean> {
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  const verified = profile.email_verified === true || profile.email_verified === "true";
  const refuse = async (reason: string) => {
    await recordAudit(db, {
      actor: { label: email || `sso:${profile.sub}` },
      action: "signin.sso.refused",
      data: { reason },
    });
    return false;
  };
  if (!email || !verified) return refuse("the identity provider asserted no verified e-mail address");
  const role = staffRoleFromClaims(profile, settings);
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, role: true, active: true } });
  if (existing && !existing.active) return refuse("account deactivated");
  if (role) {
    if (existing?.role === "INSTITUTION") return refuse("an institution user's address cannot become staff by SSO");
    const user = existing
      ? await db.user.update({ where: { id: existing.id }, data: { role }, select: { id: true } })
      : await db.user.create({
          data: { email, name: profile.name ?? email, role, emailVerified: new Date() },
          select: { id: true },
        });
    if (existing && existing.role !== role)
      await recordAudit(db, {
        actor: { label: "sso" },
        action: "user.role.sso",
        target: { type: "User", id: user.id },
        data: { from: existing.role, to: role },
      });
    await recordAudit(db, { actor: { id: user.id, label: email }, action: "signin.sso", data: { role } });
    return true;
  }
  if (existing && existing.role !== "INSTITUTION")
    return refuse("the identity provider no longer names this person CSIRT staff");
  if (!(await isEligibleForEmailSignIn(db, email))) return refuse("not an active contact of an active organisation");
  let userId = existing?.id;
  if (userId) await grantContactMemberships(db, { userId, email });
  else {
    const organisationIds = await organisationsOfContact(db, email);
    userId = (
      await db.user.create({
        data: {
          email,
          name: profile.name ?? email,
          role: "INSTITUTION",
          emailVerified: new Date(),
          memberships: { create: organisationIds.map((organisationId) => ({ organisationId })) },
        },
        select: { id: true },
      })
    ).id;
  }
  await recordAudit(db, { actor: { id: userId, label: email }, action: "signin.sso", data: { role: "INSTITUTION" } });
  return true;
}
