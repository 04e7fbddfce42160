import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { Db } from "@/lib/db/client";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { organisationsOfContact } from "./email-sign-in";

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  emailVerified: Date | null;
  sessionVersion: number;
};

function toAdapterUser(user: UserRow): AdapterUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerified,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

const USER_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  emailVerified: true,
  active: true,
  sessionVersion: true,
} as const;

/**
 * The part of an Auth.js adapter that e-mail links and JWT sessions use. A person who follows a
 * link for the first time becomes an institution user, member of every organisation that lists
 * the address as an active contact.
 */
export function createAuthAdapter(db: Db): Adapter {
  return {
    async getUser(id) {
      const user = await db.user.findUnique({ where: { id }, select: USER_FIELDS });
      return user?.active ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: USER_FIELDS });
      return user?.active ? toAdapterUser(user) : null;
    },
    async createUser(profile) {
      const email = profile.email.toLowerCase();
      const organisationIds = await organisationsOfContact(db, email);
      if (organisationIds.length === 0) throw new Error("not an active contact of any organisation");
      const contact = await db.contact.findFirst({
        where: { email: { equals: email, mode: "insensitive" } },
        select: { name: true },
      });
      const user = await db.user.create({
        data: {
          email,
          name: contact?.name ?? email,
          role: "INSTITUTION",
          emailVerified: profile.emailVerified,
          memberships: { create: organisationIds.map((organisationId) => ({ organisationId })) },
        },
        select: USER_FIELDS,
      });
      return toAdapterUser(user);
    },
    async updateUser(patch) {
      const user = await db.user.update({
        where: { id: patch.id },
        data: { emailVerified: patch.emailVerified ?? undefined, lastSignInAt: new Date() },
        select: USER_FIELDS,
      });
      return toAdapterUser(user);
    },
    async getUserByAccount() {
      return null;
    },
    async linkAccount() {
      return undefined;
    },
    async createVerificationToken(token) {
      await db.verificationToken.create({
        data: { identifier: token.identifier.toLowerCase(), token: token.token, expires: token.expires },
      });
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      // Single use: delete and return in one statement, so two clicks cannot both sign in.
      const rows = await db.$queryRaw<Array<{ identifier: string; token: string; expires: Date }>>`
        DELETE FROM "VerificationToken" WHERE "token" = ${token} AND "identifier" = ${identifier.toLowerCase()}
        RETURNING "identifier", "token", "expires"`;
      return rows[0] ?? null;
    },
  };
}
