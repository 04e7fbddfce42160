import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyHops } from "./client-address";

describe("clientAddress", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress({ forwardedFor: "198.51.100.7", socketAddress: "203.0.113.9", trustedHops: 0 })).toBe(
      "203.0.113.9",
    );
  });

  it("takes the right-most untrusted hop, not the left-most one the client wrote", () => {
    // The client forged "1.2.3.4"; our proxy (the socket peer) appended the address it saw.
    const forwardedFor = "1.2.3.4, 198.51.100.7";
    expect(clientAddress({ forwardedFor, socketAddress: "10.0.0.2", trustedHops: 1 })).toBe("198.51.100.7");
  });

  it("skips one more entry per trusted proxy in the chain", () => {
    const forwardedFor = "1.2.3.4, 198.51.100.7, 10.0.0.5";
    expect(clientAddress({ forwardedFor, socketAddress: "10.0.0.2", trustedHops: 2 })).toBe("198.51.100.7");
  });

  it("joins repeated headers and survives a missing one", () => {
    expect(
      clientAddress({ forwardedFor: ["1.2.3.4", "198.51.100.7"], socketAddress: "10.0.0.2", trustedHops: 1 }),
    ).toBe("198.51.100.7");
    expect(clientAddress({ forwardedFor: undefined, socketAddress: "10.0.0.2", trustedHops: 1 })).toBe("10.0.0.2");
    expect(clientAddress({ forwardedFor: "2001:db8::1", socketAddress: "::1", trustedHops: 3 })).toBe("2001:db8::1");
  });
});

describe("trustedProxyHops", () => {
  it("reads TRUST_PROXY", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("1")).toBe(1);
    expect(trustedProxyHops("true")).toBe(1);
    expect(trustedProxyHops("2")).toBe(2);
    expect(() => trustedProxyHops("yes")).toThrow(/TRUST_PROXY/);
  });
});
