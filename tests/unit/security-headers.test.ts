// The headers the web server puts on every response (lib/http/security-headers.ts); e2e/security-headers.spec.ts
// checks them on every kind of response of the real store and the policy against Chromium.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";

const byName = (headers: Array<[string, string]>) => Object.fromEntries(headers);

describe("securityHeaders", () => {
  it("sends the policy, framing, sniffing, referrer and permissions headers", () => {
    const headers = byName(securityHeaders({ dev: false, siteUrl: "http://localhost:3000" }));
    expect(headers).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    for (const directive of [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self' https://checkout.stripe.com",
    ])
      expect(headers["Content-Security-Policy"]).toContain(directive);
  });

  it("adds HSTS and upgrade-insecure-requests only when SITE_URL is https", () => {
    expect(byName(securityHeaders({ dev: false, siteUrl: "http://shop.test" }))["Strict-Transport-Security"]).toBe(
      undefined,
    );
    expect(byName(securityHeaders({ dev: false, siteUrl: undefined }))["Strict-Transport-Security"]).toBe(undefined);
    expect(byName(securityHeaders({ dev: false, siteUrl: "not a url" }))["Strict-Transport-Security"]).toBe(undefined);
    const https = byName(securityHeaders({ dev: false, siteUrl: "https://shop.test" }));
    expect(https["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("never allows eval in production; the dev server's React build needs it", () => {
    expect(contentSecurityPolicy({ dev: false, siteUrl: undefined })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ dev: true, siteUrl: undefined })).toContain(
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    );
  });
});
