/** Where to go after signing in: only a path on this site (never "//evil.example" or an absolute URL). */
export function safeCallbackUrl(value: unknown, fallback = "/account"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return fallback;
  if (value.startsWith("/account/sign-in") || value.startsWith("/account/sign-up") || value.startsWith("/api/auth"))
    return fallback;
  return value.length > 2000 ? fallback : value;
}
