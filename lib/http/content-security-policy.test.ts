import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, strictTransportSecurity } from "./content-security-policy";

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce, never inline, and forbids framing", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123" });
    const scripts = policy.split("; ").find((directive) => directive.startsWith("script-src"));
    expect(scripts).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
  });

  it("makes a different nonce every time", () => {
    expect(createNonce()).not.toBe(createNonce());
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("sends HSTS only for an https APP_URL", () => {
    expect(strictTransportSecurity("https://csirt.example.org")).toMatch(/^max-age=31536000/);
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
  });
});
