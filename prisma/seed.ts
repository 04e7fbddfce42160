/**
 * Demo data for a first start: member organisations (their ranges match the sample flow files
 * in ../shared/samples), contacts, one user of each role, default templates and settings.
 * Runs only on an empty database; templates and settings are filled in whenever missing.
 */
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { DEFAULT_TEMPLATE_SETS } from "@/lib/notify/default-templates";
import { SETTINGS } from "@/lib/settings/definitions";

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_USERS = [
  { email: "admin@csirt.example", name: "Ada Admin", role: "ADMIN" as const },
  { email: "analyst@csirt.example", name: "Alan Analyst", role: "ANALYST" as const },
  {
    email: "security@example-college.example",
    name: "Sam Security (Example College)",
    role: "INSTITUTION" as const,
    organisation: "example-college",
  },
];

const DEMO_ORGANISATIONS = [
  {
    slug: "example-college",
    name: "Example College",
    country: "GB",
    blocks: ["192.0.2.0/24"],
    contacts: [
      { name: "Sam Security", email: "security@example-college.example", role: "SECURITY" as const },
      { name: "Abuse desk", email: "abuse@example-college.example", role: "ABUSE" as const },
      { name: "Head of IT", email: "head-of-it@example-college.example", role: "ESCALATION" as const },
    ],
  },
  {
    slug: "sample-university",
    name: "Sample University",
    country: "GB",
    blocks: ["198.51.100.0/24", "2001:db8:10::/48"],
    contacts: [
      { name: "University CERT", email: "cert@sample-university.example", role: "SECURITY" as const },
      { name: "Network operations", email: "noc@sample-university.example", role: "TECHNICAL" as const },
    ],
  },
  {
    slug: "riverside-research-institute",
    name: "Riverside Research Institute",
    country: "GB",
    blocks: ["198.18.0.0/16", "2001:db8:20::/48"],
    contacts: [{ name: "IT Security Team", email: "itsec@riverside.example", role: "SECURITY" as const }],
  },
  {
    slug: "lakeland-college-of-art",
    name: "Lakeland College of Art",
    country: "GB",
    blocks: ["198.19.0.0/17"],
    contacts: [{ name: "IT Services", email: "it@lakeland-art.example", role: "SECURITY" as const }],
    notificationPolicy: "HOLD_FOR_APPROVAL" as const,
  },
];

export async function seedDefaults(db: Db): Promise<void> {
  for (const [language, templates] of Object.entries(DEFAULT_TEMPLATE_SETS)) {
    for (const template of templates) {
      await db.template.upsert({
        where: {
          incidentType_purpose_language: { incidentType: template.incidentType, purpose: template.purpose, language },
        },
        create: { ...template, language },
        update: {},
      });
    }
  }
  for (const [key, definition] of Object.entries(SETTINGS)) {
    await db.setting.upsert({ where: { key }, create: { key, value: definition.default }, update: {} });
  }
}

/** Returns true when demo data was loaded, false when the database already had users. */
export async function seedDemoData(
  options: { db?: Db; log?: (line: string) => void } & Record<string, unknown> = {},
): Promise<boolean> {
  const db = options.db ?? (await import("@/lib/db/client")).db;
  const log = options.log ?? (() => {});
  await seedDefaults(db);
  if ((await db.user.count()) > 0) return false;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const organisationIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      const created = await tx.organisation.create({
        data: {
          slug: org.slug,
          name: org.name,
          country: org.country,
          notificationPolicy: org.notificationPolicy ?? "AUTOMATIC",
          blocks: { create: org.blocks.map((network) => ({ network })) },
          contacts: { create: org.contacts },
        },
      });
      organisationIds.set(org.slug, created.id);
    }
    for (const user of DEMO_USERS) {
      const organisationId =
        "organisation" in user && user.organisation ? organisationIds.get(user.organisation) : undefined;
      await tx.user.create({
        data: {
          email: user.email,
          name: user.name,
          role: user.role,
          passwordHash,
          memberships: organisationId ? { create: { organisationId } } : undefined,
        },
      });
    }
    await tx.auditLog.create({
      data: { actorLabel: "system", action: "seed.demo", data: { organisations: DEMO_ORGANISATIONS.length } },
    });
  });
  log(`seeded demo data: ${DEMO_ORGANISATIONS.length} organisations, ${DEMO_USERS.length} users`);
  return true;
}
