import { describe, expect, it } from "vitest";
import { requestContext } from "./record-audit";

describe("requestContext", () => {
  it("gives one host one address: a dual-stack socket's IPv4-mapped form is the IPv4 address", () => {
    const ip = (value: string) => requestContext(new Headers({ "x-forwarded-for": value })).ip;
    expect(ip("::ffff:127.0.0.1")).toBe("127.0.0.1");
    // Our web server leaves one trusted address; in a list, the right-most is the one a client cannot write.
    expect(ip("192.0.2.1, ::FFFF:10.66.0.9")).toBe("10.66.0.9");
    expect(ip("2001:DB8::0:1")).toBe("2001:db8::1");
    expect(ip("[2001:db8::1]")).toBe("2001:db8::1");
    // X-Real-IP is a client's word: our web server drops it, and it is not read.
    expect(requestContext(new Headers({ "x-real-ip": "192.0.2.7" })).ip).toBeNull();
  });

  it("keeps no text that is not an address (it names rate-limit buckets)", () => {
    expect(requestContext(new Headers({ "x-forwarded-for": "not-an-address" })).ip).toBeNull();
    expect(requestContext(new Headers()).ip).toBeNull();
  });
});
