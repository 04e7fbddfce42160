import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { removeOrganisationMember } from "@/lib/orgs/remove-organisation-member";
import { setContactActive } from "@/lib/orgs/set-contact-active";
import { updateContact } from "@/lib/orgs/update-contact";
import { decideContactChange, requestContactChange } from "@/lib/portal/contact-change-requests";
import { buildAuthConfig } from "./auth-options";
import { isEligibleForEmailSignIn } from "./email-sign-in";
import { grantContactMemberships } from "./session-access";
import { userForSession } from "./session-user";

const actor = { label: "analyst@csirt.example" };
let collegeId: string;
let instituteId: string;

/** A contact of the college who has signed in once: an institution user and member, session version 0. */
async function signedInContact(email: string, organisationIds = [collegeId]) {
  for (const organisationId of organisationIds)
    await db.contact.create({ data: { organisationId, name: email, email } });
  const user = await db.user.create({
    data: {
      email,
      name: email,
      role: "INSTITUTION",
      memberships: { create: organisationIds.map((organisationId) => ({ organisationId })) },
    },
  });
  const session = { userId: user.id, sessionVersion: 0 };
  expect(await userForSession(db, session)).toMatchObject({ email, organisationIds });
  return {
    user,
    session,
    contact: await db.contact.findFirstOrThrow({ where: { email, organisationId: organisationIds[0] } }),
  };
}

beforeAll(async () => {
  collegeId = (await db.organisation.create({ data: { name: "Access College", slug: "access-college" } })).id;
  instituteId = (await db.organisation.create({ data: { name: "Access Institute", slug: "access-institute" } })).id;
});

describe("access that ends at once", () => {
  it("deactivating a contact ends their sessions and refuses their e-mail sign-in; reactivating lets them sign in again", async () => {
    const { user, session, contact } = await signedInContact("dana@access.example");
    await setContactActive(db, { organisationId: collegeId, contactId: contact.id, active: false, actor });
    expect(await userForSession(db, session)).toBeNull();
    expect(await isEligibleForEmailSignIn(db, "dana@access.example")).toBe(false);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);

    await setContactActive(db, { organisationId: collegeId, contactId: contact.id, active: true, actor });
    expect(await isEligibleForEmailSignIn(db, "dana@access.example")).toBe(true);
    await grantContactMemberships(db, { userId: user.id, email: user.email });
    expect(await userForSession(db, { userId: user.id, sessionVersion: 1 })).toMatchObject({
      organisationIds: [collegeId],
    });
    expect(await userForSession(db, session)).toBeNull();
  });

  it("approving a remove-contact request ends that person's access", async () => {
    const requester = await signedInContact("erin@access.example");
    const { session } = await signedInContact("frank@access.example");
    const frank = await db.contact.findFirstOrThrow({ where: { email: "frank@access.example" } });
    const requesterUser = (await userForSession(db, requester.session))!;
    const request = await requestContactChange(db, {
      user: requesterUser,
      organisationId: collegeId,
      change: { kind: "REMOVE_CONTACT", contactId: frank.id },
    });
    await decideContactChange(db, { requestId: request.id, approve: true, actor });
    expect(await userForSession(db, session)).toBeNull();
    expect(await isEligibleForEmailSignIn(db, "frank@access.example")).toBe(false);
    expect(await userForSession(db, requester.session)).not.toBeNull();
  });

  it("changing a contact's address (by an analyst or an approved request) ends the old address's access", async () => {
    const { session, contact } = await signedInContact("gail@access.example");
    await updateContact(db, {
      organisationId: collegeId,
      contactId: contact.id,
      contact: { name: "Gail", email: "gail.new@access.example", role: "SECURITY", phone: null },
      actor,
    });
    expect(await userForSession(db, session)).toBeNull();
    expect(await isEligibleForEmailSignIn(db, "gail@access.example")).toBe(false);
    expect(await isEligibleForEmailSignIn(db, "gail.new@access.example")).toBe(true);

    const requester = await signedInContact("hugo@access.example");
    const ivy = await signedInContact("ivy@access.example");
    const request = await requestContactChange(db, {
      user: (await userForSession(db, requester.session))!,
      organisationId: collegeId,
      change: { kind: "CHANGE_EMAIL", contactId: ivy.contact.id, email: "ivy.new@access.example" },
    });
    await decideContactChange(db, { requestId: request.id, approve: true, actor });
    expect(await userForSession(db, ivy.session)).toBeNull();
    expect(await isEligibleForEmailSignIn(db, "ivy@access.example")).toBe(false);
  });

  it("removing a membership ends the sessions; the other organisation stays after signing in again", async () => {
    const { user, session } = await signedInContact("jo@access.example", [collegeId, instituteId]);
    await db.contact.updateMany({
      where: { email: "jo@access.example", organisationId: collegeId },
      data: { active: false },
    });
    await removeOrganisationMember(db, { organisationId: collegeId, userId: user.id, actor });
    expect(await userForSession(db, session)).toBeNull();
    expect(await userForSession(db, { userId: user.id, sessionVersion: 1 })).toMatchObject({
      organisationIds: [instituteId],
    });
    await removeOrganisationMember(db, { organisationId: instituteId, userId: user.id, actor });
    await db.contact.updateMany({ where: { email: "jo@access.example" }, data: { active: false } });
    expect(await userForSession(db, { userId: user.id, sessionVersion: 2 })).toBeNull(); // no organisation left
    expect(await isEligibleForEmailSignIn(db, "jo@access.example")).toBe(false);
  });
});

describe("sessions carry the user's session version", () => {
  it("from sign-in into the JWT and the session, and signing out ends every copy of the cookie", async () => {
    const authConfig = buildAuthConfig(db, null);
    const { user, session } = await signedInContact("kim@access.example");
    const jwt = authConfig.callbacks.jwt as (params: unknown) => Promise<Record<string, unknown>>;
    const token = await jwt({ token: {}, user: { id: user.id, role: "INSTITUTION", sessionVersion: 0 } });
    expect(token).toMatchObject({ sub: user.id, sessionVersion: 0 });
    const toSession = authConfig.callbacks.session as (
      params: unknown,
    ) => Promise<{ user: { sessionVersion?: number } }>;
    expect((await toSession({ session: { user: {} }, token })).user.sessionVersion).toBe(0);

    await authConfig.events.signOut({ token: { sub: user.id, email: user.email, sessionVersion: 0 } } as never);
    expect(await userForSession(db, session)).toBeNull();
    expect(await db.auditLog.count({ where: { actorId: user.id, action: "signout" } })).toBe(1);
  });

  it("refuses a session from before session versions (no version in the token)", async () => {
    const { user } = await signedInContact("lee@access.example");
    expect(await userForSession(db, { userId: user.id, sessionVersion: undefined })).toBeNull();
  });
});
