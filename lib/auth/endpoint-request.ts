// Requests to next-auth's endpoints (/api/auth/...), checked before next-auth reads them. next-auth v4
// answers HTTP 500 (and logs an error) when a JSON body does not parse, and when a callbackUrl (query
// parameter, body field or cookie) is not a URL it can use. Those are the client's mistakes, so they get
// a 400 here, and nothing reaches next-auth. The body is read with a cap (64 KB: a sign-in form is a few
// hundred bytes), then handed to next-auth unchanged.
import { NextRequest, NextResponse } from "next/server";
import { readCappedBody } from "@/lib/http/body";

export const AUTH_BODY_LIMIT_BYTES = 64 * 1024;

// next-auth's cookie for the URL to return to after signing in (with the __Secure- prefix on https).
const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** next-auth's own rule (core/lib/assert.js): an http(s) URL, absolute or a path on this site. */
function usableCallbackUrl(value: unknown, origin: string): boolean {
  if (value === undefined || value === "") return true;
  if (typeof value !== "string") return false;
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

function badRequest(message: string): NextResponse {
  return NextResponse.json({ error: message }, { status: 400, headers: { "Cache-Control": "no-store" } });
}

/** The request to hand to next-auth, or the answer to give instead. */
export async function checkAuthRequest(
  request: NextRequest,
): Promise<{ ok: true; request: NextRequest } | { ok: false; response: NextResponse }> {
  const origin = request.nextUrl.origin;
  if (!request.nextUrl.searchParams.getAll("callbackUrl").every((value) => usableCallbackUrl(value, origin)))
    return { ok: false, response: badRequest("Invalid callbackUrl.") };
  for (const name of CALLBACK_URL_COOKIES) {
    const cookie = request.cookies.get(name)?.value;
    if (!usableCallbackUrl(cookie, origin)) {
      const response = badRequest("Invalid callback URL cookie; it has been cleared.");
      response.cookies.delete(name);
      return { ok: false, response };
    }
  }
  if (request.method !== "POST") return { ok: true, request };

  const body = await readCappedBody(request, AUTH_BODY_LIMIT_BYTES);
  if (!body) return { ok: false, response: NextResponse.json({ error: "Payload too large." }, { status: 413 }) };
  const contentType = request.headers.get("content-type") ?? "";
  let fields: unknown;
  if (contentType.includes("application/json")) {
    try {
      fields = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return { ok: false, response: badRequest("The request body is not valid JSON.") };
    }
    if (typeof fields !== "object" || fields === null || Array.isArray(fields))
      return { ok: false, response: badRequest("The request body must be a JSON object.") };
  } else if (contentType.includes("application/x-www-form-urlencoded")) {
    fields = Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body)));
  }
  const callbackUrl = (fields as { callbackUrl?: unknown } | undefined)?.callbackUrl;
  if (!usableCallbackUrl(callbackUrl, origin)) return { ok: false, response: badRequest("Invalid callbackUrl.") };
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(body.byteLength));
  return { ok: true, request: new NextRequest(request.url, { method: request.method, headers, body }) };
}
