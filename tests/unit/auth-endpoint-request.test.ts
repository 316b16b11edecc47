// Requests to next-auth's endpoints that next-auth itself would answer with a 500 get a 400 first
// (lib/auth/endpoint-request.ts); everything else is handed on with its body intact.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { AUTH_BODY_LIMIT_BYTES, checkAuthRequest } from "@/lib/auth/endpoint-request";

const BASE = "http://shop.test/api/auth";

function post(path: string, contentType: string, body: string, headers: Record<string, string> = {}) {
  return new NextRequest(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": contentType, ...headers },
    body,
  });
}

describe("checkAuthRequest", () => {
  it("refuses a JSON body that does not parse or is not an object", async () => {
    for (const body of ["{bad", "", "null", "[1]", '"text"']) {
      const checked = await checkAuthRequest(post("/callback/credentials", "application/json", body));
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.response.status).toBe(400);
    }
  });

  it("refuses a callbackUrl next-auth cannot use, in the query, the body or its cookie (and clears the cookie)", async () => {
    const query = await checkAuthRequest(new NextRequest(`${BASE}/session?callbackUrl=-1`));
    expect(query.ok ? 200 : query.response.status).toBe(400);
    const body = await checkAuthRequest(
      post("/signin/credentials", "application/json", JSON.stringify({ callbackUrl: 12 })),
    );
    expect(body.ok ? 200 : body.response.status).toBe(400);
    const form = await checkAuthRequest(
      post("/signin/credentials", "application/x-www-form-urlencoded", "callbackUrl=javascript%3Aalert(1)"),
    );
    expect(form.ok ? 200 : form.response.status).toBe(400);
    const cookie = await checkAuthRequest(
      new NextRequest(`${BASE}/csrf`, { headers: { cookie: "next-auth.callback-url=%00garbage" } }),
    );
    expect(cookie.ok).toBe(false);
    if (!cookie.ok) {
      expect(cookie.response.status).toBe(400);
      expect(cookie.response.headers.get("set-cookie")).toMatch(/^next-auth\.callback-url=;.*Expires=Thu, 01 Jan 1970/);
    }
  });

  it("refuses a body over the cap with 413", async () => {
    const checked = await checkAuthRequest(
      post("/callback/credentials", "application/x-www-form-urlencoded", "a=" + "x".repeat(AUTH_BODY_LIMIT_BYTES)),
    );
    expect(checked.ok ? 200 : checked.response.status).toBe(413);
  });

  it("hands a well-formed request on with the same body", async () => {
    const form = "csrfToken=abc&email=a%40b.c&password=secret&callbackUrl=%2Faccount";
    const checked = await checkAuthRequest(post("/callback/credentials", "application/x-www-form-urlencoded", form));
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(await checked.request.text()).toBe(form);
      expect(checked.request.nextUrl.pathname).toBe("/api/auth/callback/credentials");
    }
    const json = JSON.stringify({ csrfToken: "abc", callbackUrl: "https://shop.test/cart" });
    const viaJson = await checkAuthRequest(post("/signin/credentials", "application/json", json));
    expect(viaJson.ok && (await viaJson.request.json())).toEqual(JSON.parse(json));
    expect((await checkAuthRequest(new NextRequest(`${BASE}/session?callbackUrl=%2Faccount`))).ok).toBe(true);
  });
});
