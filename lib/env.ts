/**
 * Configuration, validated once. A value that is wrong fails loudly with its name.
 * Without DATABASE_URL the product runs self-contained (embedded database, dev mailbox,
 * a generated AUTH_SECRET kept in the data directory); with it, AUTH_SECRET is required and mail
 * needs SMTP_URL (or DEV_MAILBOX=1, asked for by name). Every part of the product reads its
 * configuration through `env()`; `parseEnv()` is what the entry points call at start.
 */
import { z } from "zod";
import { trustedProxyHops } from "./http/client-address";
import { parseImapUrl } from "./mail/imap-url";

const flag = z.enum(["0", "1"], "must be 0 or 1").transform((value) => value === "1");

const ZEnvObject = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default(".data"),
  /** The embedded database's directory (or memory://); default DATA_DIR/pglite. */
  PGLITE_DATA_DIR: z.string().optional(),
  /** The public URL in links and e-mail. Default: http://HOST:PORT (localhost when HOST listens on every interface). */
  APP_URL: z.url("must be an absolute URL such as https://csirt.example.org").optional(),
  HOST: z.string().default("localhost"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  /**
   * The mailbox replies and bounces arrive in: imaps://user:pass@host:993/INBOX (TLS), or imap:// with STARTTLS
   * (plain imap:// without TLS only on loopback). Query: processed=<folder>&failed=<folder>. Unset: no IMAP (the
   * embedded setup reads replies written on the dev mailbox page).
   */
  IMAP_URL: z
    .string()
    .optional()
    .superRefine((value, context) => {
      if (value === undefined) return;
      try {
        parseImapUrl(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /** With DATABASE_URL and no SMTP_URL, 1 keeps mail (sign-in links too) in the dev mailbox, readable by analysts. */
  DEV_MAILBOX: flag.default(false),
  MAIL_FROM: z.string().default("CSIRT <csirt@localhost>"),
  CSIRT_NAME: z.string().default("The CSIRT team"),
  RUN_WORKER: z.enum(["embedded", "off"]).default("embedded"),
  INBOX_DIR: z.string().optional(),
  /** The nfdump program that reads binary nfcapd files (default: nfdump on PATH). */
  NFDUMP_PATH: z.string().default("nfdump"),
  WATCH_INBOX: flag.default(true),
  /** Web server processes for `npm start`; more than one needs a database server. Default: one per CPU core with DATABASE_URL, else 1. */
  WEB_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  /** How many reverse proxies stand in front (0 = none; `true` = 1): see lib/http/client-address.ts. */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, context) => {
      try {
        return trustedProxyHops(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  SEED_DEMO: flag.default(false),
  /** Prometheus metrics on a listener of their own; it has no sign-in, so it only listens on loopback. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z
    .enum(["127.0.0.1", "::1", "localhost"], {
      error: "METRICS_HOST must be a loopback address (127.0.0.1, ::1 or localhost): /metrics has no sign-in",
    })
    .default("127.0.0.1"),
  /**
   * The key that encrypts the CSIRT's OpenPGP private key in the database (AES-256-GCM):
   * 32 random bytes in base64 (openssl rand -base64 32). Without it no signing key can be stored.
   */
  PGP_KEY_ENCRYPTION_KEY: z
    .string()
    .refine(
      (value) => /^[A-Za-z0-9+/]{43}=$/.test(value.trim()) && Buffer.from(value.trim(), "base64").length === 32,
      "must be 32 random bytes in base64 (openssl rand -base64 32)",
    )
    .transform((value) => Buffer.from(value.trim(), "base64"))
    .optional(),
  /** DKIM signing of outgoing mail: the domain, the selector and the private key (PEM, or a path to a PEM file). All three or none. */
  DKIM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "must be a domain name such as csirt.example.org")
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9._-]+$/i, "must be a DNS label such as mail2027")
    .optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
  /** Single sign-on (OpenID Connect): the IdP's issuer URL, exactly as its discovery document names it. */
  OIDC_ISSUER: z.url("must be the IdP's issuer URL, such as https://idp.example.org/realms/csirt").optional(),
  OIDC_CLIENT_ID: z.string().max(512).optional(),
  OIDC_CLIENT_SECRET: z.string().max(4096).optional(),
  /** What the sign-in button says ("Sign in with <name>"). */
  OIDC_NAME: z.string().max(80).default("single sign-on"),
  /** The ID-token (or userinfo) claim that says who is CSIRT staff: a string or a list of strings. */
  OIDC_ROLE_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_:./-]{1,200}$/, "must be a claim name such as groups or roles")
    .default("groups"),
  /** Claim values (comma-separated) that make an admin / an analyst. */
  OIDC_ADMIN_VALUES: z.string().optional().transform(commaList),
  OIDC_ANALYST_VALUES: z.string().optional().transform(commaList),
});

function commaList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

const ZEnvSchema = ZEnvObject.superRefine((env, context) => {
  if (env.DATABASE_URL && !env.AUTH_SECRET) {
    context.addIssue({
      code: "custom",
      path: ["AUTH_SECRET"],
      message: "is required when DATABASE_URL is set (openssl rand -base64 32)",
    });
  }
  if (env.DATABASE_URL && !env.SMTP_URL && !env.DEV_MAILBOX) {
    context.addIssue({
      code: "custom",
      path: ["SMTP_URL"],
      message:
        "is required when DATABASE_URL is set (smtp://user:pass@relay:587): without it, mail and sign-in links would sit " +
        "in the dev mailbox where analysts can read them. Set DEV_MAILBOX=1 to ask for the dev mailbox on purpose.",
    });
  }
  const dkim = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY].filter((value) => value !== undefined).length;
  if (dkim !== 0 && dkim !== 3) {
    context.addIssue({
      code: "custom",
      path: ["DKIM_PRIVATE_KEY"],
      message: "DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY go together: set all three or none",
    });
  }
  const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter((value) => value !== undefined);
  if (oidc.length !== 0 && oidc.length !== 3) {
    context.addIssue({
      code: "custom",
      path: ["OIDC_CLIENT_SECRET"],
      message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none",
    });
  }
  if (env.OIDC_ISSUER && !isSecureOrLoopback(env.OIDC_ISSUER)) {
    context.addIssue({
      code: "custom",
      path: ["OIDC_ISSUER"],
      message: "must be an https:// URL (http:// only on this machine: localhost, 127.0.0.1 or [::1])",
    });
  }
  if (env.OIDC_ISSUER && env.OIDC_ADMIN_VALUES.length + env.OIDC_ANALYST_VALUES.length === 0) {
    context.addIssue({
      code: "custom",
      path: ["OIDC_ANALYST_VALUES"],
      message:
        "name at least one OIDC_ROLE_CLAIM value that makes an analyst or an admin (OIDC_ANALYST_VALUES, OIDC_ADMIN_VALUES)",
    });
  }
  const both = env.OIDC_ADMIN_VALUES.filter((value) => env.OIDC_ANALYST_VALUES.includes(value));
  if (both.length > 0) {
    context.addIssue({
      code: "custom",
      path: ["OIDC_ADMIN_VALUES"],
      message: `names ${both.join(", ")}, which OIDC_ANALYST_VALUES names too: a value makes one role`,
    });
  }
  if (!env.DATABASE_URL && env.WEB_PROCESSES !== undefined && env.WEB_PROCESSES > 1) {
    context.addIssue({
      code: "custom",
      path: ["WEB_PROCESSES"],
      message: "can only be more than 1 with DATABASE_URL (the embedded database belongs to one process)",
    });
  }
}).transform(({ APP_URL, ...env }) => ({
  ...env,
  APP_URL: (APP_URL ?? defaultAppUrl(env.HOST, env.PORT)).replace(/\/+$/, ""),
}));

function isSecureOrLoopback(value: string): boolean {
  if (!URL.canParse(value)) return true; // the field's own check names a value that is no URL at all
  const url = new URL(value);
  return url.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** Where a browser on this machine reaches a server listening on host:port. */
function defaultAppUrl(host: string, port: number): string {
  const everyInterface = host === "0.0.0.0" || host === "::" || host === "[::]";
  const name = everyInterface ? "localhost" : host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export type TEnv = z.infer<typeof ZEnvSchema>;

export class InvalidEnvironmentError extends Error {}

type TSource = Record<string, string | undefined>;

function parseWith<T>(schema: z.ZodType<T>, source: TSource): T {
  const blankAsUnset = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = schema.safeParse(blankAsUnset);
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

export function parseEnv(source: TSource = process.env): TEnv {
  return parseWith(ZEnvSchema, source);
}

const ZDatabaseEnvSchema = ZEnvObject.pick({
  DATABASE_URL: true,
  DATABASE_POOL_SIZE: true,
  DATA_DIR: true,
  PGLITE_DATA_DIR: true,
});

export type TDatabaseEnv = z.infer<typeof ZDatabaseEnvSchema>;

/** Only what opening the database needs: migrations and the CLI work before mail or secrets are configured. */
export function parseDatabaseEnv(source: TSource = process.env): TDatabaseEnv {
  return parseWith(ZDatabaseEnvSchema, source);
}

let cached: TEnv | undefined;

/** The configuration of this process, read on first use. */
export function env(): TEnv {
  cached ??= parseEnv();
  return cached;
}
