// The security headers the web server (lib/http/web-server.ts) puts on every response: pages, route
// handlers, static files, media, redirects and errors, including the ones the server answers itself.
// They are set before Next.js handles the request, so anything more specific set later wins: a route
// handler's own Response headers, a `headers()` rule in next.config.ts, or the proxy. That is how a page
// asks for a stricter Referrer-Policy (order pages use no-referrer). See docs/security.md.
//
// Script policy: `script-src 'self' 'unsafe-inline'`. Next.js streams each page's React Server Components
// payload as inline <script> tags whose content differs per page. A nonce would allow them, but a nonce
// must be new on every response, which makes every page dynamic: no cached or prerendered HTML, and the
// catalog pages are meant to be served from cache. Hashes cannot be known before a page is rendered. So
// inline scripts are allowed, and what the policy still buys is: no script from any other origin, no
// plugins (object-src), no <base> hijacking, no form posting data elsewhere, no framing (clickjacking).
// Against injected markup the defence is React's escaping of every value it renders (the one raw
// <script>, JSON-LD, is serialized with `<` escaped: lib/catalog/structured-data.ts), not the CSP.

/** Stripe Checkout is reached by a redirect after the place-order form posts; see formAction below. */
export const STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com";

export interface SecurityHeaderOptions {
  /** `npm run dev`: React's development build evaluates code for its error overlay and call stacks. */
  dev: boolean;
  /** SITE_URL: HSTS and upgrade-insecure-requests only when the store is served over https. */
  siteUrl: string | undefined;
}

function isHttps(siteUrl: string | undefined): boolean {
  try {
    return siteUrl !== undefined && new URL(siteUrl).protocol === "https:";
  } catch {
    return false;
  }
}

export function contentSecurityPolicy({ dev, siteUrl }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    // React and Next set style attributes and inline <style> (next/font, the route announcer).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    // Chromium applies form-action to the redirects that follow a form submission: without JavaScript
    // (or before the page hydrates) placing an order is a form POST answered by a redirect to Stripe
    // Checkout, which 'self' alone would block. Checked in e2e/security-headers.spec.ts.
    `form-action 'self' ${STRIPE_CHECKOUT_ORIGIN}`,
  ];
  if (isHttps(siteUrl)) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** [name, value] pairs, computed once at start (the server sets them on each response). */
export function securityHeaders(options: SecurityHeaderOptions): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ["Content-Security-Policy", contentSecurityPolicy(options)],
    // For browsers without CSP frame-ancestors.
    ["X-Frame-Options", "DENY"],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    // Nothing in the store uses these; a compromised or embedded script cannot either.
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"],
  ];
  // One year. Not includeSubDomains: other hosts of the domain may not be on https.
  if (isHttps(options.siteUrl)) headers.push(["Strict-Transport-Security", "max-age=31536000"]);
  return headers;
}
