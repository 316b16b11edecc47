// Where to go after signing in (the sign-in and sign-up pages' callbackUrl, and next-auth's redirect
// callback): only somewhere on this site.
//
// String checks on the raw value ("starts with / but not //") miss what browsers do when they resolve a
// URL: they drop TAB, CR and LF anywhere ("/\t/evil.example" becomes "//evil.example", another host), read
// "\" as "/" ("/\evil.example"), take "https:evil.example" as absolute when the page is on http, and
// resolve dot segments ("/.//evil.example" becomes "//evil.example"). So the value is resolved the way a
// browser would, against the site's origin, and kept only when the result is on that origin; what is
// returned is the normalised path (never the raw value), checked once more to stay on any origin.
const MAX_LENGTH = 2_000;
// Sending someone back to sign-in after signing in would loop.
const NO_RETURN = ["/account/sign-in", "/account/sign-up", "/api/auth"];
// Any origin works for the last check: a path that resolves onto another host from here would from anywhere.
const PROBE_ORIGIN = "http://probe.invalid";

export function safeCallbackUrl(value: unknown, origin: string, fallback = "/account"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  let site: URL;
  let target: URL;
  try {
    site = new URL(origin);
    target = new URL(value, site.origin);
  } catch {
    return fallback;
  }
  if (target.origin !== site.origin || (target.protocol !== "http:" && target.protocol !== "https:")) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  if (new URL(path, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return fallback;
  if (NO_RETURN.some((prefix) => target.pathname === prefix || target.pathname.startsWith(`${prefix}/`)))
    return fallback;
  return path.length > MAX_LENGTH ? fallback : path;
}

/**
 * next-auth's `redirect` callback: every callbackUrl it is handed (sign-in, sign-out, its callback-url
 * cookie) follows the same rule, falling back to the home page. Its default passes anything that starts
 * with "/" (so "/\t/evil.example") and throws on a value it cannot parse.
 */
export function nextAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return `${new URL(baseUrl).origin}${safeCallbackUrl(url, baseUrl, "/")}`;
}
