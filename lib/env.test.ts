import { describe, expect, it } from "vitest";
import { nfdumpPath, parseDatabaseEnv, parseEnv } from "./env";

const SERVER = { DATABASE_URL: "postgres://db/csirt", SMTP_URL: "smtp://relay:587" };

describe("environment", () => {
  it("runs self-contained with nothing set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.PORT).toBe(3000);
    expect(env.RUN_WORKER).toBe("embedded");
    expect(env.NFDUMP_PATH).toBe("nfdump");
    expect(parseEnv({ NFDUMP_PATH: "/opt/nfdump/bin/nfdump" }).NFDUMP_PATH).toBe("/opt/nfdump/bin/nfdump");
    expect(nfdumpPath({ DATABASE_URL: "postgres://db/csirt", NFDUMP_PATH: " /opt/nfdump/bin/nfdump " })).toBe(
      "/opt/nfdump/bin/nfdump",
    );
    expect(nfdumpPath({ NFDUMP_PATH: "" })).toBe("nfdump");
  });

  it("requires AUTH_SECRET with a database server, naming it", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://db/csirt" })).toThrow(
      /AUTH_SECRET: is required when DATABASE_URL is set/,
    );
    expect(parseEnv({ ...SERVER, AUTH_SECRET: "x".repeat(32) }).DATABASE_URL).toBe("postgres://db/csirt");
  });

  it("with a database server and no SMTP_URL, refuses to start unless the dev mailbox is asked for by name", () => {
    const production = { DATABASE_URL: "postgres://db/csirt", AUTH_SECRET: "x".repeat(32) };
    expect(() => parseEnv(production)).toThrow(/SMTP_URL: is required when DATABASE_URL is set[\s\S]*DEV_MAILBOX=1/);
    expect(() => parseEnv({ ...production, DEV_MAILBOX: "yes" })).toThrow(/DEV_MAILBOX: must be 0 or 1/);
    expect(() => parseEnv({ ...production, DEV_MAILBOX: "0" })).toThrow(/SMTP_URL: is required/);
    expect(parseEnv({ ...production, DEV_MAILBOX: "1" }).DEV_MAILBOX).toBe(true);
    expect(parseEnv({ ...production, SMTP_URL: "smtp://relay:587" }).SMTP_URL).toBe("smtp://relay:587");
    expect(parseEnv({}).DEV_MAILBOX).toBe(false); // the embedded setup always has its dev mailbox
  });

  it("derives APP_URL from PORT and HOST when it is not set, so links point where the server listens", () => {
    expect(parseEnv({ PORT: "3200" }).APP_URL).toBe("http://localhost:3200");
    expect(parseEnv({ PORT: "3200", HOST: "csirt.example.org" }).APP_URL).toBe("http://csirt.example.org:3200");
    expect(parseEnv({ HOST: "0.0.0.0" }).APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ HOST: "::" }).APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ HOST: "::1", PORT: "8080" }).APP_URL).toBe("http://[::1]:8080");
    expect(parseEnv({ HOST: "127.0.0.1" }).HOST).toBe("127.0.0.1");
    expect(parseEnv({ APP_URL: "https://csirt.example.org/", PORT: "3200" }).APP_URL).toBe("https://csirt.example.org");
  });

  it("reads every other setting with its default, and names a bad flag", () => {
    expect(parseEnv({})).toMatchObject({
      CSIRT_NAME: "The CSIRT team",
      DATABASE_POOL_SIZE: 10,
      TRUST_PROXY: 0,
      SEED_DEMO: false,
      WATCH_INBOX: true,
      HOST: "localhost",
    });
    expect(parseEnv({ TRUST_PROXY: "2", WATCH_INBOX: "0", DATABASE_POOL_SIZE: "25" })).toMatchObject({
      TRUST_PROXY: 2,
      WATCH_INBOX: false,
      DATABASE_POOL_SIZE: 25,
    });
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(() => parseEnv({ TRUST_PROXY: "many" })).toThrow(/TRUST_PROXY: TRUST_PROXY must be 0-10/);
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it("opens the database with only the database settings (migrations run before mail is configured)", () => {
    expect(parseDatabaseEnv({ DATABASE_URL: "postgres://db/csirt" })).toMatchObject({
      DATABASE_URL: "postgres://db/csirt",
      DATABASE_POOL_SIZE: 10,
    });
    expect(() => parseDatabaseEnv({ DATABASE_URL: "mysql://db" })).toThrow(/DATABASE_URL: must be a postgres/);
  });

  it("allows several web processes only with a database server", () => {
    expect(() => parseEnv({ WEB_PROCESSES: "2" })).toThrow(/WEB_PROCESSES: can only be more than 1 with DATABASE_URL/);
    expect(parseEnv({ WEB_PROCESSES: "1" }).WEB_PROCESSES).toBe(1);
    expect(parseEnv({ ...SERVER, AUTH_SECRET: "x".repeat(32), WEB_PROCESSES: "4" }).WEB_PROCESSES).toBe(4);
    expect(() => parseEnv({ ...SERVER, AUTH_SECRET: "x".repeat(32), WEB_PROCESSES: "0" })).toThrow(/WEB_PROCESSES/);
  });

  it("names every bad value", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://db", SMTP_URL: "http://mail", PORT: "99999" })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*PORT[\s\S]*SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
  });

  it("treats blank values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "  ", SMTP_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("reads PGP_KEY_ENCRYPTION_KEY as 32 bytes of base64 and DKIM as all three settings or none", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(parseEnv({ PGP_KEY_ENCRYPTION_KEY: key }).PGP_KEY_ENCRYPTION_KEY?.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(parseEnv({}).PGP_KEY_ENCRYPTION_KEY).toBeUndefined();
    expect(() => parseEnv({ PGP_KEY_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") })).toThrow(
      /PGP_KEY_ENCRYPTION_KEY: must be 32 random bytes in base64/,
    );
    expect(() => parseEnv({ PGP_KEY_ENCRYPTION_KEY: "not base64 at all" })).toThrow(/PGP_KEY_ENCRYPTION_KEY/);
    expect(() => parseEnv({ DKIM_DOMAIN: "csirt.example.org" })).toThrow(
      /DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY go together/,
    );
    const dkim = parseEnv({
      DKIM_DOMAIN: "csirt.example.org",
      DKIM_SELECTOR: "mail2027",
      DKIM_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----",
    });
    expect(dkim.DKIM_SELECTOR).toBe("mail2027");
  });

  it("validates single sign-on only when it is set: all three, https (http on loopback only), a role value", () => {
    expect(parseEnv({}).OIDC_ISSUER).toBeUndefined();
    const sso = {
      OIDC_ISSUER: "https://idp.example.org/realms/csirt",
      OIDC_CLIENT_ID: "csirt",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_ANALYST_VALUES: "csirt-analysts, csirt-oncall",
      OIDC_ADMIN_VALUES: "csirt-admins",
    };
    const env = parseEnv(sso);
    expect(env.OIDC_ANALYST_VALUES).toEqual(["csirt-analysts", "csirt-oncall"]);
    expect(env.OIDC_ROLE_CLAIM).toBe("groups");
    expect(() => parseEnv({ OIDC_ISSUER: sso.OIDC_ISSUER })).toThrow(
      /OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together/,
    );
    expect(() => parseEnv({ ...sso, OIDC_ISSUER: "http://idp.example.org" })).toThrow(/OIDC_ISSUER: must be an https/);
    expect(parseEnv({ ...sso, OIDC_ISSUER: "http://127.0.0.1:8080" }).OIDC_ISSUER).toBe("http://127.0.0.1:8080");
    expect(() => parseEnv({ ...sso, OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER: must be the IdP's issuer URL/);
    expect(() => parseEnv({ ...sso, OIDC_ANALYST_VALUES: "", OIDC_ADMIN_VALUES: "" })).toThrow(
      /OIDC_ANALYST_VALUES: name at least one/,
    );
    expect(() => parseEnv({ ...sso, OIDC_ANALYST_VALUES: "csirt-admins" })).toThrow(/a value makes one role/);
    expect(() => parseEnv({ ...sso, OIDC_ROLE_CLAIM: "groups; drop" })).toThrow(/OIDC_ROLE_CLAIM/);
  });
});
