import { describe, expect, it } from "vitest";
import { checkWebhookUrl, isAllowedHost, refusedAddressReason } from "./webhook-url";

const policy = {
  allowedHosts: ["hooks.example.org", "*.soar.example.net", "192.0.2.10", "[2001:db8::5]"],
  allowLoopback: false,
};

describe("webhook URLs", () => {
  it("accept allowed http(s) hosts, exact or as subdomains of a *. entry", () => {
    expect(checkWebhookUrl("https://hooks.example.org/csirt#frag", policy)).toMatchObject({ ok: true });
    expect(isAllowedHost("a.soar.example.net", policy.allowedHosts)).toBe(true);
    expect(isAllowedHost("soar.example.net", policy.allowedHosts)).toBe(false);
    expect(isAllowedHost("evilsoar.example.net", policy.allowedHosts)).toBe(false);
    expect(isAllowedHost("HOOKS.example.org", policy.allowedHosts)).toBe(true);
    expect(isAllowedHost("[2001:db8:0::5]", policy.allowedHosts)).toBe(true);
    expect(checkWebhookUrl("http://192.0.2.10:8080/", policy)).toMatchObject({ ok: true });
  });

  it("refuse other schemes, credentials, hosts off the list and refused addresses", () => {
    expect(checkWebhookUrl("ftp://hooks.example.org/", policy)).toMatchObject({ ok: false });
    expect(checkWebhookUrl("https://a:b@hooks.example.org/", policy)).toMatchObject({ ok: false });
    expect(checkWebhookUrl("https://hooks.example.org.evil.com/", policy)).toMatchObject({ ok: false });
    expect(checkWebhookUrl("javascript:alert(1)", policy)).toMatchObject({ ok: false });
    expect(checkWebhookUrl("http://127.0.0.1/", { allowedHosts: ["127.0.0.1"], allowLoopback: false })).toMatchObject({
      ok: false,
    });
    expect(checkWebhookUrl("http://127.0.0.1/", { allowedHosts: ["127.0.0.1"], allowLoopback: true })).toMatchObject({
      ok: true,
    });
  });

  it("name loopback, link-local, unspecified and multicast addresses, also IPv4-mapped", () => {
    expect(refusedAddressReason("127.0.0.2", { allowLoopback: false })).toMatch(/loopback/);
    expect(refusedAddressReason("::1", { allowLoopback: true })).toBeNull();
    expect(refusedAddressReason("::ffff:169.254.169.254", { allowLoopback: true })).toMatch(/link-local/);
    expect(refusedAddressReason("fe80::1", { allowLoopback: true })).toMatch(/link-local/);
    expect(refusedAddressReason("0.0.0.0", { allowLoopback: true })).toMatch(/unspecified/);
    expect(refusedAddressReason("239.1.2.3", { allowLoopback: true })).toMatch(/multicast/);
    expect(refusedAddressReason("10.1.2.3", { allowLoopback: false })).toBeNull();
  });
});
