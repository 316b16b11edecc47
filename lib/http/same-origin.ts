/**
 * Server actions check that a POST comes from this site; a route handler must do it itself. Session
 * cookies are SameSite=Lax (not sent on cross-site POSTs) already; this is the second lock. Browsers always
 * send Origin on a cross-origin POST; a request without one is not a cross-site form or script.
 */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
