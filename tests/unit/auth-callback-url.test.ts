// Where sign-in sends the browser afterwards: only to a path on this site, whatever the query string holds.
// The values are what the page receives after URL decoding (Next.js decodes searchParams), so "%09" in
// the address arrives here as a real TAB.
import { describe, expect, it } from "vitest";
import { nextAuthRedirect, safeCallbackUrl } from "@/lib/auth/callback-url";

const ORIGIN = "https://shop.example";

describe("safeCallbackUrl", () => {
  it.each([
    ["/cart", "/cart"],
    ["/products/a-chair?variant=v1#reviews", "/products/a-chair?variant=v1#reviews"],
    ["/admin/orders?status=PAID", "/admin/orders?status=PAID"],
    // An absolute URL on this very site becomes its path.
    ["https://shop.example/cart?x=1", "/cart?x=1"],
    // Dot segments are resolved, and the result is still a path here.
    ["/a/../cart", "/cart"],
    // Percent-encoded characters stay encoded: "/%2F%2Fevil" is one odd path on this site, not a host.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/search?q=%2F%2Fevil", "/search?q=%2F%2Fevil"],
  ])("keeps %j as %j", (value, expected) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe(expected);
  });

  it.each([
    // TAB, CR and LF are dropped by URL parsers: "/\t/evil" is "//evil", another host.
    "/\t/evil.example",
    "/\r\n/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "//evil.example",
    "//evil.example/account",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "http:evil.example", // another scheme than the site's: an absolute URL (http://evil.example)
    "http:/evil.example",
    "http:\\\\evil.example",
    "http://shop.example/cart", // another origin: the scheme differs
    "https://shop.example.evil.example/",
    "https://shop.example@evil.example/",
    "https://evil.example/cart",
    "HTTPS://EVIL.EXAMPLE",
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "mailto:someone@evil.example",
    // Dot segments that would leave a "//" at the start of the resolved path.
    "/.//evil.example",
    "/..//evil.example",
    "/./\\evil.example",
    "/a/..//evil.example",
  ])("refuses %j (falls back to /account)", (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe("/account");
  });

  it("reads a same-scheme 'https:evil.example' as the relative path it is for a browser on this site", () => {
    expect(safeCallbackUrl("https:evil.example", ORIGIN)).toBe("/evil.example");
    expect(safeCallbackUrl("https:evil.example", "http://localhost:3000")).toBe("/account");
    expect(safeCallbackUrl("http:evil.example", "http://localhost:3000")).toBe("/evil.example");
  });

  it("refuses what is not a single string, and over-long values", () => {
    expect(safeCallbackUrl(undefined, ORIGIN)).toBe("/account");
    expect(safeCallbackUrl(["/cart", "/cart"], ORIGIN)).toBe("/account");
    expect(safeCallbackUrl("", ORIGIN)).toBe("/account");
    expect(safeCallbackUrl("not a url: \u0000", ORIGIN)).not.toContain("\u0000");
    expect(safeCallbackUrl(`/${"a".repeat(3_000)}`, ORIGIN)).toBe("/account");
  });

  it("never sends the browser back to sign-in, sign-up or next-auth's own endpoints (no loops)", () => {
    expect(safeCallbackUrl("/account/sign-in?callbackUrl=%2Fcart", ORIGIN)).toBe("/account");
    expect(safeCallbackUrl("/account/sign-up", ORIGIN)).toBe("/account");
    expect(safeCallbackUrl("/api/auth/signout", ORIGIN)).toBe("/account");
    expect(safeCallbackUrl("/x/../account/sign-in", ORIGIN)).toBe("/account");
    expect(safeCallbackUrl("//evil.example", ORIGIN, "/")).toBe("/");
  });

  it("always returns something that stays on the site, whichever origin the browser resolves it against", () => {
    const hostile = ["/\t/evil.example", "/.//evil.example", "/\\evil.example", "http:evil.example", "/%09/x"];
    for (const value of hostile) {
      const result = safeCallbackUrl(value, ORIGIN);
      for (const base of [ORIGIN, "http://localhost:3000", "https://other.example/deep/path"]) {
        expect(new URL(result, base).origin, `${JSON.stringify(value)} -> ${result}`).toBe(new URL(base).origin);
      }
    }
  });
});

describe("next-auth's redirect callback", () => {
  const baseUrl = "http://localhost:3100";

  it("keeps paths on the site, absolute", () => {
    expect(nextAuthRedirect({ url: "/cart", baseUrl })).toBe("http://localhost:3100/cart");
    expect(nextAuthRedirect({ url: "http://localhost:3100/admin?x=1", baseUrl })).toBe(
      "http://localhost:3100/admin?x=1",
    );
  });

  it.each([
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "/.//evil.example",
    "http://[::1",
  ])("sends %j to the home page (and never throws)", (url) => {
    expect(nextAuthRedirect({ url, baseUrl })).toBe("http://localhost:3100/");
  });
});
