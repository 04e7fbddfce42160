import { describe, expect, it } from "vitest";
import { nfdumpPath, parseEnv } from "./env";

describe("environment", () => {
  it("runs self-contained with nothing set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.PORT).toBe(3000);
    expect(env.RUN_WORKER).toBe("embedded");
    expect(env.NFDUMP_PATH).toBe("nfdump");
    expect(parseEnv({ NFDUMP_PATH: "/opt/nfdump/bin/nfdump" }).NFDUMP_PATH).toBe("/opt/nfdump/bin/nfdump");
    expect(nfdumpPath({ DATABASE_URL: "postgres://db/csirt", NFDUMP_PATH: " /opt/nfdump/bin/nfdump " })).toBe("/opt/nfdump/bin/nfdump");
    expect(nfdumpPath({ NFDUMP_PATH: "" })).toBe("nfdump");
  });

  it("requires AUTH_SECRET with a database server, naming it", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://db/csirt" })).toThrow(/AUTH_SECRET: is required when DATABASE_URL is set/);
    expect(parseEnv({ DATABASE_URL: "postgres://db/csirt", AUTH_SECRET: "x".repeat(32) }).DATABASE_URL).toBe("postgres://db/csirt");
  });

  it("allows several web processes only with a database server", () => {
    expect(() => parseEnv({ WEB_PROCESSES: "2" })).toThrow(/WEB_PROCESSES: can only be more than 1 with DATABASE_URL/);
    expect(parseEnv({ WEB_PROCESSES: "1" }).WEB_PROCESSES).toBe(1);
    expect(parseEnv({ DATABASE_URL: "postgres://db/csirt", AUTH_SECRET: "x".repeat(32), WEB_PROCESSES: "4" }).WEB_PROCESSES).toBe(4);
    expect(() => parseEnv({ DATABASE_URL: "postgres://db/csirt", AUTH_SECRET: "x".repeat(32), WEB_PROCESSES: "0" })).toThrow(/WEB_PROCESSES/);
  });

  it("names every bad value", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://db", SMTP_URL: "http://mail", PORT: "99999" })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*PORT[\s\S]*SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
  });

  it("treats blank values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "  ", SMTP_URL: "" }).DATABASE_URL).toBeUndefined();
  });
});
