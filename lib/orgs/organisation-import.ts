/**
 * What an organisations import carries: the organisation, its address blocks and site
 * contacts, in the words the CSV uses. The importer maps these onto the Prisma enums.
 */
import { z } from "zod";

export const CONTACT_ROLES = ["security", "abuse", "technical", "escalation"] as const;
export const NOTIFICATION_POLICIES = ["automatic", "hold"] as const;
export const DEFAULT_CONTACT_ROLE = "security";

export const ZContactRoleSchema = z.enum(CONTACT_ROLES);
export const ZNotificationPolicySchema = z.enum(NOTIFICATION_POLICIES);

/** Lower-case ASCII letters and digits in hyphen-separated runs, as used in URLs. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 64;
export const MAX_NAME_LENGTH = 200;

export const ZContactImportSchema = z.object({
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  /** Lower-cased, as sign-in by e-mail link compares addresses. */
  email: z.email().max(320),
  role: ZContactRoleSchema,
  phone: z.string().max(40).nullable(),
});

export const ZOrgImportSchema = z.object({
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  slug: z.string().max(MAX_SLUG_LENGTH).regex(SLUG_PATTERN),
  /** ISO 3166-1 alpha-2, upper case; null when the file does not say. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  /** null when the file does not say (a new organisation then gets the default, automatic). */
  notificationPolicy: ZNotificationPolicySchema.nullable(),
  /** Canonical CIDR blocks (host bits cleared), in the order first listed. */
  blocks: z.array(z.string()),
  contacts: z.array(ZContactImportSchema),
});

export const ZCsvIssueSchema = z.object({
  /** Physical line of the CSV file, 1-based; the header is line 1. */
  line: z.number().int().positive(),
  message: z.string(),
});

export const ZOrganisationsCsvResultSchema = z.object({
  organisations: z.array(ZOrgImportSchema),
  errors: z.array(ZCsvIssueSchema),
  warnings: z.array(ZCsvIssueSchema),
});

export type TContactRole = z.infer<typeof ZContactRoleSchema>;
export type TNotificationPolicy = z.infer<typeof ZNotificationPolicySchema>;
export type TContactImport = z.infer<typeof ZContactImportSchema>;
export type TOrgImport = z.infer<typeof ZOrgImportSchema>;
export type TCsvIssue = z.infer<typeof ZCsvIssueSchema>;
export type TOrganisationsCsvResult = z.infer<typeof ZOrganisationsCsvResultSchema>;

/** The Prisma enum values behind the CSV words. */
export const CONTACT_ROLE_TO_DB = {
  security: "SECURITY",
  abuse: "ABUSE",
  technical: "TECHNICAL",
  escalation: "ESCALATION",
} as const satisfies Record<TContactRole, string>;

export const NOTIFICATION_POLICY_TO_DB = {
  automatic: "AUTOMATIC",
  hold: "HOLD_FOR_APPROVAL",
} as const satisfies Record<TNotificationPolicy, string>;
