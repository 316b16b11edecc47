// The web server in front of the app (scripts/web-server.ts, lib/http/web-server.ts), through the real
// production build:
// - the client address: forged X-Forwarded-For values do not make a new client for a rate limit, both
//   behind one trusted proxy (the shared e2e store, TRUSTED_PROXY_HOPS=1) and with none (a server of this
//   spec's own, with the default 0);
// - a fuzz suite: malformed requests of every class to every page, route handler and server action,
//   enumerated from app/ and the build's server-action manifest so new ones are covered, asserting no 5xx,
//   no error page, nothing written and nothing logged as an error (warnings are fine);
// - graceful shutdown: SIGTERM lets a request in flight finish, then the process exits 0.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { RATE_LIMIT_POLICIES } from "../lib/rate-limit/policies";
import { E2E_ADMIN, signInRequest, uniqueClientIp } from "./support/auth";
import { query } from "./support/db";
import { startOwnServer, type OwnServer } from "./support/own-server";

const ROOT = process.cwd();
const SUGGEST_LIMIT = RATE_LIMIT_POLICIES.searchSuggest.ip.limit;

interface FuzzRequest {
  method: string;
  target: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** A raw HTTP request (no client-side URL normalisation), its body read up to 256 KB. */
function hit(
  base: string,
  method: string,
  target: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    let answered = false;
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: target,
        headers: options.headers,
        agent: options.agent ?? false,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < 256 * 1024) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString(),
          }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error(`timeout: ${method} ${target}`)));
    // A server may answer (413) and close before reading a large body: that answer is what counts.
    request.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
    );
    // The connection closed before any answer could be read: a server that refuses a body too large to read
    // answers 413 and closes, and when the reset arrives while the body is still being sent, the client may
    // lose that answer. Status 0 says so (callers decide whether that is acceptable); waiting would hang.
    request.on("close", () => {
      if (!answered) resolve({ status: 0, contentType: "", body: "" });
    });
    request.end(options.body);
  });
}

test.describe("client address", () => {
  test("behind the store's one trusted proxy, leading X-Forwarded-For hops a client adds are ignored", async ({
    baseURL,
  }) => {
    const client = uniqueClientIp();
    const ask = (forwardedFor: string) =>
      hit(baseURL!, "GET", "/api/search/suggest?q=tee", { headers: { "x-forwarded-for": forwardedFor } });
    for (let n = 0; n < SUGGEST_LIMIT; n += 10) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(10, SUGGEST_LIMIT - n) }, () => ask(`${uniqueClientIp()}, ${client}`)),
      );
      expect(answers.map((answer) => answer.status).filter((status) => status === 429)).toEqual([]);
    }
    expect((await ask(`${uniqueClientIp()}, ${uniqueClientIp()}, ${client}`)).status).toBe(429);
    // Another client behind the same proxy still has its own allowance.
    expect((await ask(`${client}, ${uniqueClientIp()}`)).status).toBe(200);
  });
});

test.describe("the web server with default settings", () => {
  test.describe.configure({ mode: "serial" });
  let server: OwnServer;

  test.beforeAll(async () => {
    // A webhook secret, so the Stripe webhook checks what it is sent (without one it answers 503 to
    // everything; tests/integration/stripe-payments.test.ts covers that).
    server = await startOwnServer({ STRIPE_WEBHOOK_SECRET: "whsec_fuzz_suite_only" });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("with no trusted proxy, requests from one socket are one client whatever X-Forwarded-For says", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ask = () =>
      hit(server.baseURL, "GET", "/api/search/suggest?q=tee", {
        agent,
        headers: { "x-forwarded-for": uniqueClientIp(), "x-real-ip": uniqueClientIp() },
      });
    const statuses: number[] = [];
    for (let n = 0; n < SUGGEST_LIMIT; n++) statuses.push((await ask()).status);
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    expect((await ask()).status).toBe(429);
    agent.destroy();
  });

  test.describe("malformed requests", () => {
    test.describe.configure({ timeout: 240_000 });
    const failures: string[] = [];
    /** Requests that were answered just as the server logged an error (6 run at once: approximate). */
    const loggedAround: string[] = [];
    let admin: APIRequestContext;
    let adminCookie = "";
    let before: Record<string, number>;

    /** Sends each request (6 at a time) and records every 5xx or error page. */
    async function sweep(requests: FuzzRequest[]) {
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const request = requests[next++]!;
          const label = `${request.method} ${request.target.slice(0, 160)}${request.headers?.["next-action"] ? ` [action ${request.headers["next-action"]}]` : ""}`;
          const errorsBefore = server.errors().length;
          try {
            const answer = await hit(server.baseURL, request.method, request.target, request);
            if (server.errors().length > errorsBefore) loggedAround.push(label);
            if (answer.status === 0 && (request.body?.length ?? 0) <= 1024 * 1024)
              failures.push(`closed without an answer ${label}`);
            else if (answer.status >= 500) failures.push(`${answer.status} ${label}: ${answer.body.slice(0, 160)}`);
            else if (isErrorPage(answer)) failures.push(`error page (${answer.status}) ${label}`);
          } catch (error) {
            failures.push(`no answer ${label}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
    }

    test.beforeAll(async () => {
      admin = await playwrightRequest.newContext({ baseURL: server.baseURL });
      await signInRequest(admin, E2E_ADMIN.email, E2E_ADMIN.password);
      adminCookie = (await admin.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
      before = await rowCounts();
    });
    test.afterAll(async () => {
      await admin?.dispose();
    });

    test("paths and query parameters of every page and route handler", async () => {
      const routes = await appRoutes();
      const requests = routes.flatMap((route) => {
        const cookie = route.pattern.startsWith("/admin") || route.pattern.startsWith("/api/admin") ? adminCookie : "";
        const headers = cookie ? { cookie } : undefined;
        const gets = route.methods.includes("GET") || route.kind === "page";
        const list: { method: string; target: string; headers?: Record<string, string>; body?: string }[] = [];
        if (gets) {
          for (const target of pathVariants(route.pattern)) list.push({ method: "GET", target, headers });
          for (const value of QUERY_VALUES) list.push({ method: "GET", target: withQuery(route.real, value), headers });
          list.push({
            method: "GET",
            target: `${route.real}?${PARAM_NAMES.map((name) => `${name}=1&${name}=2`).join("&")}`,
            headers,
          });
        }
        for (const method of ["HEAD", "PUT", "DELETE"])
          list.push({ method, target: route.real, headers, body: method === "HEAD" ? undefined : "\u0000garbage" });
        return list;
      });
      await sweep(requests);
      expect(failures).toEqual([]);
    });

    test("bodies posted to every route handler, including next-auth's", async () => {
      const routes = (await appRoutes()).filter((route) => route.kind === "handler");
      const targets = routes.flatMap((route) =>
        route.pattern === "/api/auth/[...nextauth]"
          ? AUTH_ACTIONS.map((action) => ({ target: `/api/auth/${action}`, methods: ["GET", "POST"] }))
          : [{ target: route.real, methods: route.methods }],
      );
      const requests = targets.flatMap(({ target, methods }) =>
        methods
          .filter((method) => method !== "GET" && method !== "HEAD")
          .concat(target.startsWith("/api/auth/") ? [] : ["POST"])
          .flatMap((method) =>
            BODIES.flatMap(([contentType, body]) =>
              [undefined, target.startsWith("/api/admin") ? adminCookie : undefined].map((cookie) => ({
                method,
                target,
                headers: {
                  "content-type": contentType,
                  origin: server.baseURL,
                  ...(cookie ? { cookie } : {}),
                },
                body,
              })),
            ),
          ),
      );
      await sweep(requests);
      expect(failures).toEqual([]);
    });

    test("bodies posted to every server action, as the browser and as a form without JavaScript", async () => {
      const requests = serverActions().flatMap((action, index): FuzzRequest[] => {
        const cookie = action.route.startsWith("/admin") ? adminCookie : "";
        const headers = (contentType: string) => ({
          "next-action": action.id,
          "content-type": contentType,
          accept: "text/x-component",
          origin: server.baseURL,
          ...(cookie ? { cookie } : {}),
        });
        // 'use cache' functions are refused by their id whatever the body: two bodies show it.
        const bodies = action.cacheFunction
          ? ACTION_BODIES.slice(0, 2)
          : ACTION_BODIES.filter(([, body]) => index < 3 || body.length < 1024 * 1024);
        return [
          ...bodies.map(([contentType, body]) => ({
            method: "POST",
            target: action.route,
            headers: headers(contentType),
            body,
          })),
          ...(action.cacheFunction ? [] : FIELD_VALUES).map((value) => {
            const form = multipart({ "0": '["$undefined","$K1"]', ...fields("_1_", value) });
            return { method: "POST", target: action.route, headers: headers(form.contentType), body: form.body };
          }),
          // The fields posted as a plain form (what the browser sends before JavaScript has run).
          (() => {
            const form = multipart({ [`$ACTION_ID_${action.id}`]: "", ...fields("", FIELD_VALUES[0]!) });
            const { "next-action": _omitted, ...plain } = headers(form.contentType);
            return {
              method: "POST",
              target: action.route,
              headers: { ...plain, accept: "text/html" },
              body: form.body,
            };
          })(),
        ];
      });
      // Action ids that are not the build's, and the cross-site and unparseable Origin cases.
      for (const id of ["00", "60" + "a".repeat(40), "zz%00", "x".repeat(5000)])
        requests.push({
          method: "POST",
          target: "/cart",
          headers: { "next-action": id, "content-type": "text/plain" },
          body: "[]",
        });
      for (const origin of ["https://evil.example", "null", "::garbage", "http://[::1"])
        requests.push({
          method: "POST",
          target: "/cart",
          headers: { "next-action": "00", origin, "content-type": "text/plain" },
          body: "[]",
        });
      await sweep(requests);
      expect(failures).toEqual([]);
    });

    test("malformed request headers: router state, prefetch, cookies, ranges", async () => {
      const pages = ["/", "/cart", "/search?q=tee", "/products/x", "/admin"];
      const variants: Record<string, string>[] = [
        { rsc: "1", "next-router-state-tree": "garbage" },
        { rsc: "1", "next-router-state-tree": encodeURIComponent('["",{"children":["x",{}]},null,null,true]') },
        { rsc: "1", "next-router-state-tree": "%zz" },
        { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" },
        { rsc: "1", "next-router-segment-prefetch": "%zz" },
        { "next-url": "%zz" },
        { cookie: "cart_id=%zz; next-auth.session-token=garbage; next-auth.csrf-token=%00" },
        { cookie: `cart_id=${"x".repeat(4000)}; next-auth.callback-url=%00` },
        { accept: "\u00ff/\u00ff", "accept-language": "\u00ff;q=x", "accept-encoding": "bogus;q=2" },
        { range: "bytes=999999999-", "if-none-match": '"', "if-modified-since": "garbage" },
      ];
      await sweep(pages.flatMap((target) => variants.map((headers) => ({ method: "GET", target, headers }))));
      const media = /\/media\/[^"' ?&]+/.exec((await hit(server.baseURL, "GET", "/")).body)?.[0] ?? "/media/x.png";
      await sweep(
        ["bytes=abc", "bytes=5-1", "bytes=999999999-", "bytes=0-0,1-1,2-2"].map((range) => ({
          method: "GET",
          target: media,
          headers: { range, "if-none-match": "garbage" },
        })),
      );
      expect(failures).toEqual([]);
    });

    test("nothing was written and nothing was logged as an error", async () => {
      expect(await rowCounts()).toEqual(before);
      expect(server.errors(), `logged around: ${loggedAround.join("\n")}`).toEqual([]);
    });
  });

  test("SIGTERM lets a request in flight finish, refuses new connections, and exits 0", async () => {
    const own = await startOwnServer();
    try {
      // A server action whose body is still being sent is a request in flight. "Expect: 100-continue"
      // makes the server say when it has the request (Node answers 100 as it hands it over), so the
      // signal is sent while the request is certainly in progress.
      const url = new URL(own.baseURL);
      const answered = new Promise<number>((resolve, reject) => {
        const request = http.request(
          {
            host: url.hostname,
            port: url.port,
            method: "POST",
            path: "/cart",
            agent: false,
            headers: {
              "next-action": "00",
              "content-type": "text/plain",
              "content-length": "2",
              expect: "100-continue",
            },
          },
          (response) => {
            response.resume();
            response.on("end", () => resolve(response.statusCode ?? 0));
          },
        );
        request.on("error", reject);
        request.on("continue", () => {
          request.write("[");
          void own.kill("SIGTERM");
          // Finish the body once the server has stopped listening (checked below).
          setTimeout(() => request.end("]"), 1_000);
        });
        request.flushHeaders();
      });
      await expect
        .poll(async () =>
          hit(own.baseURL, "GET", "/robots.txt").then(
            () => "up",
            () => "refused",
          ),
        )
        .toBe("refused");
      expect(await answered).toBeLessThan(500);
      expect(await own.exitCode()).toBe(0);
    } finally {
      await own.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// What is sent.

/** Path segment values (already percent-encoded as they go in the URL). */
const SEGMENT_VALUES = [
  "%00",
  "a%00b",
  "%zz",
  "%E0%A4%A",
  "%",
  "%C0%AE%C0%AE",
  "%ff%fe",
  "%F0%9F%98",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%0d%0aSet-Cookie:%20x=1",
  encodeURIComponent("ü€😀 \u202e\u200b"),
  encodeURIComponent("' OR 1=1--"),
  encodeURIComponent("<script>alert(1)</script>"),
  "x".repeat(4000),
  "9".repeat(40),
  "-1",
];

/** Query values, sent under every parameter name at once. */
const QUERY_VALUES = [
  "%00",
  "a%00b",
  "%zz",
  "%",
  "%ff",
  encodeURIComponent("ü€😀 \u202e\u200b"),
  "x".repeat(3000),
  "-1",
  "1e309",
  "9".repeat(40),
  "__proto__",
  "https%3A%2F%2Fevil.example%2F",
];

/** Every form field and query parameter name in the UI, plus the ones read from URLs. */
const PARAM_NAMES = [
  ...new Set([
    ...sourceFiles(["app", "components"], /\.tsx$/).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bname="([A-Za-z0-9_]+)"/g)].map((match) => match[1]!),
    ),
    ...["q", "page", "sort", "variant", "category", "brand", "price", "rating", "colour", "size", "inStock"],
    ...["status", "payment", "held", "from", "to", "location", "low", "role", "callbackUrl", "error", "session_id"],
  ]),
].sort();

/** Form field values for server actions: NUL, overlong, unicode, numbers out of range. */
const FIELD_VALUES = ["a\u0000b", "x".repeat(10_000), "ü€😀 \u202e\u200b\ud800", "-1", "1e309", "9".repeat(40)];

function fields(prefix: string, value: string): Record<string, string> {
  return Object.fromEntries(PARAM_NAMES.map((name) => [`${prefix}${name}`, value]));
}

/** Server action bodies: undecodable, wrong shapes, oversized. [content type, body] */
const ACTION_BODIES: [string, string | Buffer][] = [
  ["text/plain;charset=UTF-8", "garbage{"],
  ["text/plain;charset=UTF-8", ""],
  ["text/plain;charset=UTF-8", '["trunc'],
  ["text/plain;charset=UTF-8", "5"],
  ["text/plain;charset=UTF-8", '{"a":1}'],
  ["text/plain;charset=UTF-8", '["$K1","$Q2","$@3"]'],
  ["text/plain;charset=UTF-8", '["$nnot-a-number"]'],
  ["text/plain;charset=UTF-8", "[]"],
  ["text/plain;charset=UTF-8", "[null]"],
  ["text/plain;charset=UTF-8", '["x", 1, true, {"__proto__": {"polluted": 1}}, [[[]]]]'],
  ["text/plain;charset=UTF-8", JSON.stringify(["a\u0000b", "a\u0000b", "a\u0000b"])],
  ["application/json", '{"bad json'],
  ["application/x-www-form-urlencoded", "a=%zz&b=%00"],
  ["multipart/form-data", "no boundary"],
  ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K'],
  ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="1"\r\n\r\n[]\r\n--x--\r\n'],
  ["image/png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe])],
  ["text/plain;charset=UTF-8", Buffer.from([0xff, 0xfe, 0x00, 0x5b, 0x5d])],
  ["text/plain;charset=UTF-8", `[${JSON.stringify("x".repeat(1024 * 1024))}]`],
];

/** Route handler bodies. [content type, body] */
const BODIES: [string, string | Buffer][] = [
  ["application/json", "{bad"],
  ["application/json", ""],
  ["application/json", "null"],
  ["application/json", '"\u0000"'],
  ["application/json", JSON.stringify({ email: "a\u0000b", password: "x".repeat(100_000), csrfToken: "%zz" })],
  ["application/x-www-form-urlencoded", "email=%00&password=%zz&csrfToken=%"],
  ["application/x-www-form-urlencoded", "%"],
  ["multipart/form-data; boundary=x", "--x\r\ngarbage"],
  ["multipart/form-data", "no boundary"],
  ["text/xml", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"],
  ["application/octet-stream", Buffer.alloc(2 * 1024 * 1024, 0)],
];

/** next-auth's endpoints (GET and POST), real and not. */
const AUTH_ACTIONS = [
  "csrf",
  "session",
  "providers",
  "signin",
  "signin/credentials",
  "callback/credentials",
  "signout",
  "error",
  "_log",
  "nonsense",
  "callback/%00",
  "signin/%zz",
];

function multipart(parts: Record<string, string>): { contentType: string; body: Buffer } {
  const boundary = "----fuzz7MA4YWxkTrZu0gW";
  const text =
    Object.entries(parts)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(text) };
}

function withQuery(target: string, value: string): string {
  return `${target}${target.includes("?") ? "&" : "?"}${PARAM_NAMES.map((name) => `${name}=${value}`).join("&")}`;
}

/** A response that is the error page (or an error in a streamed RSC payload), whatever its status. */
function isErrorPage(answer: Answer): boolean {
  if (!/html|x-component/.test(answer.contentType)) return false;
  return (
    /"digest":"\d+"|data-dgst="\d+"|\bE\{"digest"/.test(answer.body) ||
    answer.body.includes("Something went wrong") ||
    answer.body.includes("Internal Server Error")
  );
}

// ---------------------------------------------------------------------------------------------------
// What is there: routes from app/, server actions from the build.

interface AppRoute {
  kind: "page" | "handler";
  pattern: string;
  /** The route with real values in its dynamic segments, where the store has them. */
  real: string;
  methods: string[];
}

function sourceFiles(dirs: string[], pattern: RegExp): string[] {
  const walk = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir).flatMap((entry) => {
          const full = path.join(dir, entry);
          return statSync(full).isDirectory() ? walk(full) : pattern.test(full) ? [full] : [];
        })
      : [];
  return dirs.flatMap((dir) => walk(path.join(ROOT, dir)));
}

/** "app/(store)/products/[slug]/page.tsx" -> "/products/[slug]"; metadata routes by their URL. */
function patternOf(file: string): string {
  const relative = path.relative(path.join(ROOT, "app"), file);
  if (/^(robots|sitemap)\.ts$/.test(relative))
    return `/${relative.replace(/\.ts$/, relative.startsWith("robots") ? ".txt" : ".xml")}`;
  const segments = path
    .dirname(relative)
    .split(path.sep)
    .filter((segment) => segment && segment !== "." && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

async function appRoutes(): Promise<AppRoute[]> {
  const [product] = await query<{ slug: string }>(`SELECT slug FROM "Product" WHERE status = 'ACTIVE' LIMIT 1`);
  const [category] = await query<{ slug: string }>(`SELECT slug FROM "Category" LIMIT 1`);
  const [image] = await query<{ url: string }>(`SELECT url FROM "ProductImage" LIMIT 1`).catch(() => []);
  const realValues: Record<string, string> = {
    "/products/[slug]": product?.slug ?? "probe",
    "/category/[slug]": category?.slug ?? "probe",
    "/media/[...path]": image?.url?.replace(/^\/media\//, "") ?? "probe",
  };
  const files = sourceFiles(["app"], /(\/page\.tsx|\/route\.ts|^.*\/app\/(robots|sitemap)\.ts)$/);
  return files.map((file) => {
    const pattern = patternOf(file);
    const kind = file.endsWith("page.tsx") ? "page" : "handler";
    const source = readFileSync(file, "utf8");
    const methods =
      kind === "page"
        ? ["GET", "POST"]
        : /\/app\/(robots|sitemap)\.ts$/.test(file)
          ? ["GET"]
          : [
              ...new Set([
                ...[
                  ...source.matchAll(
                    /export\s+(?:async\s+function|const|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\b/g,
                  ),
                ].map((match) => match[1]!),
                ...[...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
                  match[1]!
                    .split(",")
                    .map((part) =>
                      part
                        .trim()
                        .split(/\s+as\s+/)
                        .pop()!,
                    )
                    .filter((name) => /^(GET|POST|PUT|PATCH|DELETE|HEAD)$/.test(name)),
                ),
              ]),
            ];
    const real = pattern.replace(/\[(?:\.\.\.)?\w+\]/g, () => realValues[pattern] ?? "probe");
    return { kind, pattern, real, methods };
  });
}

/** Each dynamic segment of a pattern in turn replaced by every fuzz value (the others kept real or "probe"). */
function pathVariants(pattern: string): string[] {
  const segments = pattern.split("/");
  return segments.flatMap((segment, index) =>
    /^\[/.test(segment)
      ? SEGMENT_VALUES.map((value) =>
          segments.map((other, at) => (at === index ? value : /^\[/.test(other) ? "probe" : other)).join("/"),
        )
      : [],
  );
}

interface ServerAction {
  id: string;
  name: string;
  /** A 'use cache' function: Next lists them with the actions (and the web server refuses them). */
  cacheFunction: boolean;
  /** A page that includes the action: it is posted there, like the browser does. */
  route: string;
}

function serverActions(): ServerAction[] {
  const file = path.join(ROOT, ".next/server/server-reference-manifest.json");
  if (!existsSync(file)) throw new Error("No server-reference manifest: the fuzz suite needs the store built.");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers).find((name) => !name.includes("_not-found")) ?? "app/page";
    return {
      id,
      name: `${entry.filename}#${entry.exportedName}`,
      cacheFunction: (parseInt(id.slice(0, 2), 16) & 0x80) !== 0,
      route: patternOf(path.join(ROOT, worker.replace(/\/page$/, "/page.tsx"))).replace(/\[(?:\.\.\.)?\w+\]/g, "probe"),
    };
  });
}

/** Rows of every table a request could write to. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('_prisma_migrations', 'OutboxEvent', 'Reservation') ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const [row] = await query<{ count: string }>(`SELECT count(*) FROM "${table}"`);
    counts[table] = Number(row!.count);
  }
  return counts;
}
