/**
 * Configuration, validated once. A value that is wrong fails loudly with its name.
 * Without DATABASE_URL the product runs self-contained (embedded database, dev mailbox,
 * a generated AUTH_SECRET kept in the data directory); with it, AUTH_SECRET is required.
 */
import { z } from "zod";

const ZEnvSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
    DATA_DIR: z.string().default(".data"),
    APP_URL: z.url("must be an absolute URL such as https://csirt.example.org").default("http://localhost:3000"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().default("CSIRT <csirt@localhost>"),
    RUN_WORKER: z.enum(["embedded", "off"]).default("embedded"),
    INBOX_DIR: z.string().optional(),
    /** The nfdump program that reads binary nfcapd files (default: nfdump on PATH). */
    NFDUMP_PATH: z.string().default("nfdump"),
    /** Web server processes for `npm start`; more than one needs a database server. Default: one per CPU core with DATABASE_URL, else 1. */
    WEB_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  })
  .superRefine((env, context) => {
    if (env.DATABASE_URL && !env.AUTH_SECRET) {
      context.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required when DATABASE_URL is set (openssl rand -base64 32)" });
    }
    if (!env.DATABASE_URL && env.WEB_PROCESSES !== undefined && env.WEB_PROCESSES > 1) {
      context.addIssue({ code: "custom", path: ["WEB_PROCESSES"], message: "can only be more than 1 with DATABASE_URL (the embedded database belongs to one process)" });
    }
  });

export type TEnv = z.infer<typeof ZEnvSchema>;

export class InvalidEnvironmentError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): TEnv {
  const blankAsUnset = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const result = ZEnvSchema.safeParse(blankAsUnset);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new InvalidEnvironmentError(`Invalid environment:\n${problems}`);
  }
  return result.data;
}

/**
 * NFDUMP_PATH alone, for the flow parsers: they run in the worker, the CLI and the benchmark,
 * and must not depend on the rest of the configuration being valid (env() checks all of it).
 */
export function nfdumpPath(source: Record<string, string | undefined> = process.env): string {
  return source.NFDUMP_PATH?.trim() || "nfdump";
}

let cached: TEnv | undefined;

export function env(): TEnv {
  return (cached ??= parseEnv());
}
