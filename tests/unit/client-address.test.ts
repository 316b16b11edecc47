// The client's address: TRUSTED_PROXY_HOPS arithmetic (the web server resolves it) and the rate limiter's
// reading of the one address the web server hands the app.
import { describe, expect, it } from "vitest";
import { bareAddress, parseTrustedProxyHops, resolveClientAddress } from "@/lib/http/client-address";
import { clientIp, normalizeIp } from "@/lib/rate-limit/client-ip";

describe("resolveClientAddress", () => {
  it("with no trusted proxy, is the socket's peer whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("198.51.100.9", undefined, 0)).toBe("198.51.100.9");
    expect(resolveClientAddress("198.51.100.9", "203.0.113.7", 0)).toBe("198.51.100.9");
    expect(resolveClientAddress("198.51.100.9", "203.0.113.7, 10.0.0.1", 0)).toBe("198.51.100.9");
    expect(resolveClientAddress("::ffff:127.0.0.1", "1.2.3.4", 0)).toBe("::ffff:127.0.0.1");
  });

  it("with N trusted proxies, is the entry N places left of the socket; leading (client-written) hops are ignored", () => {
    // One proxy appended the client's address to whatever the client sent.
    expect(resolveClientAddress("10.0.0.2", "203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", "1.1.1.1, 6.6.6.6,203.0.113.7", 1)).toBe("203.0.113.7");
    // Two proxies: CDN appended the client, the load balancer appended the CDN.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 192.0.2.50", 2)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", "203.0.113.7, 192.0.2.50", 2)).toBe("203.0.113.7");
  });

  it("two different forged headers from the same socket resolve to the same client", () => {
    const first = resolveClientAddress("198.51.100.9", "1.1.1.1", 0);
    const second = resolveClientAddress("198.51.100.9", "2.2.2.2", 0);
    expect(first).toBe(second);
    expect(resolveClientAddress("10.0.0.2", "1.1.1.1, 203.0.113.7", 1)).toBe(
      resolveClientAddress("10.0.0.2", "2.2.2.2, 203.0.113.7", 1),
    );
  });

  it("with fewer entries than hops, takes the furthest one; with none, the socket", () => {
    expect(resolveClientAddress("10.0.0.2", "203.0.113.7", 3)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", undefined, 2)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "", 1)).toBe("10.0.0.2");
  });

  it("falls back to the socket when the trusted entry is not an address, and strips ports and brackets", () => {
    expect(resolveClientAddress("10.0.0.2", "203.0.113.7, garbage", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "unknown", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "203.0.113.7:51234", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", "[2001:db8::1]:443", 1)).toBe("2001:db8::1");
    expect(resolveClientAddress(undefined, undefined, 0)).toBeUndefined();
  });
});

describe("parseTrustedProxyHops", () => {
  it("defaults to 0 and accepts whole numbers up to 10", () => {
    expect(parseTrustedProxyHops(undefined)).toBe(0);
    expect(parseTrustedProxyHops("")).toBe(0);
    expect(parseTrustedProxyHops(" 1 ")).toBe(1);
    expect(parseTrustedProxyHops("10")).toBe(10);
  });

  it("refuses anything else rather than guessing how many proxies to trust", () => {
    for (const value of ["-1", "1.5", "one", "11", "1e1", "0x1"]) {
      expect(() => parseTrustedProxyHops(value)).toThrow(/TRUSTED_PROXY_HOPS/);
    }
  });
});

describe("bareAddress", () => {
  it("keeps addresses, drops ports, brackets and zone ids, refuses the rest", () => {
    expect(bareAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(bareAddress(" 203.0.113.7:80 ")).toBe("203.0.113.7");
    expect(bareAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(bareAddress("999.1.1.1")).toBeUndefined();
    expect(bareAddress("evil<script>")).toBeUndefined();
    expect(bareAddress(undefined)).toBeUndefined();
  });
});

describe("clientIp", () => {
  it("reads the one address the web server left in X-Forwarded-For; none is 'unknown'", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers())).toBe("unknown");
    expect(clientIp({})).toBe("unknown");
  });

  it("never trusts client-written headers: of a list it reads the entry nearest the store, and X-Real-IP not at all", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.1" }))).toBe("unknown");
  });

  it("reads plain header records (Node's IncomingHttpHeaders, hand-written ones)", () => {
    expect(clientIp({ "x-forwarded-for": ["10.0.0.2", "203.0.113.8"] })).toBe("203.0.113.8");
    expect(clientIp({ "X-Forwarded-For": "203.0.113.9" })).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": undefined })).toBe("unknown");
  });

  it("ignores values that are not addresses", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, evil<script>" }))).toBe("unknown");
    expect(clientIp(new Headers({ "x-forwarded-for": "unknown" }))).toBe("unknown");
    expect(normalizeIp("999.1.1.1")).toBeUndefined();
    expect(normalizeIp("")).toBeUndefined();
  });

  it("strips ports and brackets, maps IPv4-mapped IPv6 back to IPv4, and keys IPv6 by its /64", () => {
    expect(normalizeIp("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normalizeIp("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normalizeIp("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeIp("::FFFF:cb00:7107")).toBe("203.0.113.7");
    expect(normalizeIp("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(normalizeIp("2001:db8:1:2:ffff::1")).toBe(normalizeIp("2001:0DB8:0001:0002:aaaa::9"));
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(normalizeIp("::1")).toBe("0:0:0:0::/64");
    expect(normalizeIp("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
  });
});
