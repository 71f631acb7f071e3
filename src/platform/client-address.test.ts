import { describe, expect, it } from "vitest";
import { clientAddress, isTrustedPeer, normaliseAddress, parseTrustProxy } from "./client-address.js";

describe("the client address behind proxies", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress("10.0.0.5", "203.0.113.9", undefined)).toBe("10.0.0.5");
  });

  it("takes the hop in front of the trusted ones with a hop count, whatever the client prepends", () => {
    const one = parseTrustProxy("1");
    expect(clientAddress("10.0.0.5", "203.0.113.9", one)).toBe("203.0.113.9");
    // A forged entry on the left is not believed: the proxy appended the real peer on the right.
    expect(clientAddress("10.0.0.5", "1.2.3.4, 203.0.113.9", one)).toBe("203.0.113.9");
    const two = parseTrustProxy("2");
    expect(clientAddress("10.0.0.5", "1.2.3.4, 203.0.113.9, 10.0.0.7", two)).toBe("203.0.113.9");
    // Fewer hops than configured: the leftmost is all there is.
    expect(clientAddress("10.0.0.5", "203.0.113.9", two)).toBe("203.0.113.9");
  });

  it("walks from the right past listed proxies (addresses and ranges) to the first untrusted hop", () => {
    const trust = parseTrustProxy("10.0.0.0/8, 192.0.2.1, ::1");
    expect(clientAddress("10.1.2.3", "198.51.100.7, 192.0.2.1", trust)).toBe("198.51.100.7");
    expect(clientAddress("::ffff:10.1.2.3", "1.1.1.1, 198.51.100.7", trust)).toBe("198.51.100.7");
    // The peer is not a listed proxy: its header is not believed at all.
    expect(clientAddress("203.0.113.50", "198.51.100.7", trust)).toBe("203.0.113.50");
    expect(clientAddress("::1", "garbage", trust)).toBe("invalid");
  });

  it("believes X-Forwarded-Proto only from a trusted peer", () => {
    expect(isTrustedPeer("10.0.0.5", undefined)).toBe(false);
    expect(isTrustedPeer("10.0.0.5", parseTrustProxy("1"))).toBe(true);
    expect(isTrustedPeer("203.0.113.5", parseTrustProxy("10.0.0.0/8"))).toBe(false);
  });

  it("names a bad PALPABLE_TRUST_PROXY value", () => {
    expect(() => parseTrustProxy("0")).toThrow(/hop count/);
    expect(() => parseTrustProxy("proxy.local")).toThrow(/"proxy.local" is not an IP address/);
    expect(() => parseTrustProxy("10.0.0.0/40")).toThrow(/prefix length/);
    expect(parseTrustProxy("")).toBeUndefined();
  });

  it("normalises mapped IPv4, brackets and ports", () => {
    expect(normaliseAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("192.0.2.1:8080")).toBe("192.0.2.1");
  });
});
