// The web server's edge (lib/http/web-server.ts) over real HTTP, with a stand-in for Next's handler that
// echoes what it received: the client address it hands the app, the security headers, the requests it
// answers itself, the body it replays, and a graceful shutdown. e2e/http-edge.spec.ts runs the same
// server in front of the real app.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { securityHeaders } from "@/lib/http/security-headers";
import { createWebServer, type WebServer } from "@/lib/http/web-server";
import { listingKey } from "@/lib/search/listing-key";
import { cachedListingTarget } from "@/lib/search/listing-route";
import { parseSearchParams } from "@/lib/search/params";

interface Seen {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let running: WebServer | undefined;
const seen: Seen[] = [];

async function start(
  trustedProxyHops: number,
  handler?: (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>,
  documentTarget?: (target: string) => string | undefined,
): Promise<string> {
  seen.length = 0;
  running = createWebServer({
    trustedProxyHops,
    documentTarget,
    headers: securityHeaders({ dev: false, siteUrl: "http://shop.test" }),
    handler: Promise.resolve(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString();
      seen.push({ headers: req.headers, body });
      if (handler) return handler(req, res, body);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ forwardedFor: req.headers["x-forwarded-for"] ?? null }));
    }),
  });
  await new Promise<void>((resolve) => running!.server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
}

function connectionCount(web: WebServer): Promise<number> {
  return new Promise((resolve, reject) =>
    web.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

afterEach(async () => {
  await running?.shutdown(100);
  running = undefined;
});

/** A raw request, so nothing rewrites what is sent (fetch would refuse or normalise some of it). */
function send(
  base: string,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    agent?: http.Agent;
  },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}${options.path ?? "/"}`,
      { method: options.method ?? "GET", headers: options.headers, agent: options.agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

describe("client address", () => {
  it("with TRUSTED_PROXY_HOPS=0 the app sees the socket's address, whatever the client wrote", async () => {
    const base = await start(0);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (const forged of ["203.0.113.7", "198.51.100.1, 203.0.113.8", "garbage"]) {
      const response = await send(base, {
        agent,
        headers: { "x-forwarded-for": forged, "x-real-ip": "192.0.2.1", "x-forwarded-host": "evil.test" },
      });
      expect(JSON.parse(response.body)).toEqual({ forwardedFor: "127.0.0.1" });
    }
    expect(seen.every((request) => request.headers["x-real-ip"] === undefined)).toBe(true);
    expect(seen.every((request) => request.headers["x-forwarded-host"] === undefined)).toBe(true);
    agent.destroy();
  });

  it("with TRUSTED_PROXY_HOPS=1 the app sees the proxy's last entry; client-written leading hops are dropped", async () => {
    const base = await start(1);
    const first = await send(base, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.7" } });
    const second = await send(base, { headers: { "x-forwarded-for": "7.7.7.7,8.8.8.8, 203.0.113.7" } });
    expect(JSON.parse(first.body)).toEqual({ forwardedFor: "203.0.113.7" });
    expect(JSON.parse(second.body)).toEqual({ forwardedFor: "203.0.113.7" });
    // Without the header (not through the proxy), the socket.
    expect(JSON.parse((await send(base, {})).body)).toEqual({ forwardedFor: "127.0.0.1" });
    // The proxy's own forwarding headers are kept.
    await send(base, { headers: { "x-forwarded-host": "shop.test", "x-forwarded-proto": "https" } });
    expect(seen.at(-1)!.headers).toMatchObject({ "x-forwarded-host": "shop.test", "x-forwarded-proto": "https" });
  });
});

describe("security headers", () => {
  it("are on the app's responses and on the ones the server answers itself; the app can override one", async () => {
    const base = await start(0, (req, res) => {
      if (req.url === "/private") res.setHeader("Referrer-Policy", "no-referrer");
      res.end("ok");
    });
    for (const path of ["/", "/products/%zz"]) {
      const response = await send(base, { path });
      expect(response.headers).toMatchObject({
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
      });
      expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    }
    expect((await send(base, { path: "/private" })).headers["referrer-policy"]).toBe("no-referrer");
  });
});

describe("requests the app could not decode", () => {
  it("a path with malformed percent-encoding or an encoded control character is 400, an overlong segment 414, never reaching the app", async () => {
    const base = await start(0);
    for (const path of ["/products/%zz", "/products/%E0%A4%A", "/category/%", "/products/a%00b", "/media/%0d%0a"]) {
      expect((await send(base, { path })).status).toBe(400);
    }
    expect((await send(base, { path: `/products/${"x".repeat(201)}` })).status).toBe(414);
    expect(seen).toHaveLength(0);
    expect((await send(base, { path: "/products/caf%C3%A9?q=%00" })).status).toBe(200);
    expect((await send(base, { path: `/products/${"x".repeat(200)}?q=${"y".repeat(5000)}` })).status).toBe(200);
  });

  it("server action bodies: undecodable 400, too large 413 (declared or chunked), other site 403; valid ones replayed intact", async () => {
    const base = await start(0);
    const action = { "next-action": "60ab", "content-type": "text/plain;charset=UTF-8" };
    expect((await send(base, { method: "POST", path: "/cart", headers: action, body: "garbage{" })).status).toBe(400);
    expect(
      (
        await send(base, {
          method: "POST",
          path: "/cart",
          headers: { ...action, origin: "https://evil.test" },
          body: "[]",
        })
      ).status,
    ).toBe(403);
    expect(
      (await send(base, { method: "POST", path: "/cart", headers: { ...action, origin: "::" }, body: "[]" })).status,
    ).toBe(400);
    const big = Buffer.alloc(1024 * 1024 + 1, "a");
    expect((await send(base, { method: "POST", path: "/cart", headers: action, body: big })).status).toBe(413);
    expect(
      (
        await send(base, {
          method: "POST",
          path: "/cart",
          headers: { ...action, "transfer-encoding": "chunked" },
          body: big,
        })
      ).status,
    ).toBe(413);
    expect(seen).toHaveLength(0);

    const body = JSON.stringify([null, "caf\u00e9 \u{1F600}"]);
    const valid = await send(base, { method: "POST", path: "/cart", headers: action, body });
    expect(valid.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toBe(body);
    expect(seen[0]!.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("a large multipart upload to a route handler under /api/ is not a server action", async () => {
    const base = await start(0);
    const boundary = "upload";
    const file = "x".repeat(2 * 1024 * 1024);
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${file}\r\n--${boundary}--\r\n`;
    const response = await send(base, {
      method: "POST",
      path: "/api/admin/products/import",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(response.status).toBe(200);
    expect(seen[0]!.body.length).toBe(body.length);
  });
});

describe("document targets", () => {
  it("a search page or filtered view loaded as a document goes to its cached route; the router's requests keep their URL", async () => {
    // The app's own mapping (scripts/web-server.ts): each normalised query is one cached page.
    const base = await start(0, (req, res) => void res.end(req.url), cachedListingTarget);
    const key = listingKey(parseSearchParams(new URLSearchParams("q=boots&sort=price-asc")));
    const target = `/search/${key}`;
    for (const path of ["/search?q=boots&sort=price-asc", "/search?sort=price-asc&q=++boots&page=1&utm_source=x"]) {
      expect((await send(base, { path })).body, path).toBe(target);
      expect((await send(base, { path, method: "HEAD" })).status, path).toBe(200);
      expect(seen.at(-1)!.headers.host).toBeDefined();
    }
    const filtered = await send(base, { path: "/category/bags?price=25-50&category=shoes&sort=price-asc" });
    expect(filtered.body).toBe(
      `/category/bags/filtered/${listingKey(parseSearchParams(new URLSearchParams("price=25-50&sort=price-asc")))}`,
    );
    // Client-side navigations, prefetches and server actions of Next's router: rendered per request.
    const path = "/search?q=boots&sort=price-asc";
    const routerHeaders: Record<string, string>[] = [
      { rsc: "1" },
      { "next-router-state-tree": "%5B%22%22%5D" },
      { "next-router-prefetch": "1" },
      { "next-router-segment-prefetch": "/_tree" },
      { "next-url": "/search" },
    ];
    for (const headers of routerHeaders) {
      expect((await send(base, { path, headers })).body, JSON.stringify(headers)).toBe(path);
    }
    expect((await send(base, { path: `${path}&_rsc=abc12` })).body).toBe(`${path}&_rsc=abc12`);
    // Not a listing with a query: unchanged.
    for (const other of ["/category/bags", "/category/bags?utm_source=mail", "/search/", "/products/boots?q=x"]) {
      expect((await send(base, { path: other })).body, other).toBe(other);
    }
  });
});

describe("shutdown", () => {
  it("stops accepting, lets a request in flight finish, then closes", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const base = await start(0, async (_req, res) => {
      await released;
      res.end("finished");
    });
    const inFlight = send(base, { path: "/slow" });
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const server = running!;
    running = undefined;
    // A grace far past anything a loaded machine takes here: the server closes once the request in flight
    // has finished, and a stall between these lines must not end that request early.
    const closed = server.shutdown(60_000);
    // It accepts what already waits in the listen backlog (below), then stops listening.
    while (server.server.listening) await new Promise((resolve) => setImmediate(resolve));
    await expect(send(base, { path: "/new" })).rejects.toThrow();
    release();
    expect(await inFlight).toMatchObject({ status: 200, body: "finished" });
    await closed;
    expect(server.server.listening).toBe(false);
  });

  it("a response that has ended but not yet reached the client is delivered in full", async () => {
    // More than the socket buffers hold while the client is not reading: after res.end() most of it is
    // still queued in the server process. Node's closeIdleConnections() counts such a connection as idle
    // (its response has "finished") and destroys it, cutting the response short (seen as "200, 0 bytes"
    // when a web server was stopped during a burst).
    const size = 16 * 1024 * 1024;
    let ended = false;
    let startShutdown!: () => void;
    const shuttingDown = new Promise<void>((resolve) => (startShutdown = resolve));
    const base = await start(0, (_req, res) => {
      res.setHeader("content-length", String(size));
      res.end(Buffer.alloc(size, "a"));
      ended = true;
    });
    const received = new Promise<{ status: number; bytes: number; complete: boolean }>((resolve, reject) => {
      http
        .get(`${base}/large`, (response) => {
          response.pause(); // a slow client: reads nothing until the server is shutting down
          let bytes = 0;
          response.on("data", (chunk: Buffer) => (bytes += chunk.length));
          response.on("close", () => resolve({ status: response.statusCode!, bytes, complete: response.complete }));
          response.on("error", () => {}); // "aborted": the bytes counted say how much arrived
          void shuttingDown.then(() => setTimeout(() => response.resume(), 500));
        })
        .on("error", reject);
    });
    while (!ended) await new Promise((resolve) => setTimeout(resolve, 10));
    const server = running!;
    running = undefined;
    // As above: the grace only bounds a hang, the server closes once the response has been delivered.
    const closed = server.shutdown(60_000);
    startShutdown();
    expect(await received).toEqual({ status: 200, bytes: size, complete: true });
    await closed;
  });

  it("serves the request of a connection accepted just before the shutdown, then closes it", async () => {
    const base = await start(0);
    const socket = net.connect(Number(new URL(base).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    let reply = "";
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString()));
    const ended = new Promise((resolve) => socket.once("end", resolve));
    while ((await connectionCount(running!)) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const server = running!;
    running = undefined;
    const closed = server.shutdown(60_000);
    socket.write("GET /late HTTP/1.1\r\nHost: shop.test\r\n\r\n");
    await ended;
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(reply.toLowerCase()).toContain("connection: close");
    expect(reply).toContain('"forwardedFor":"127.0.0.1"');
    socket.end();
    await closed;
  });

  it("serves a connection still waiting in the listen backlog when the shutdown starts", async () => {
    const base = await start(0);
    const server = running!;
    running = undefined;
    // Connected by the kernel, not yet accepted by the server: its event loop has not polled since (net
    // connects on the next tick). Closing the listener now would reset the connection, a request lost.
    const socket = net.connect(Number(new URL(base).port), "127.0.0.1");
    await new Promise((resolve) => process.nextTick(resolve));
    const closed = server.shutdown(60_000);
    let reply = "";
    let failure: string | null = null;
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString()));
    socket.on("error", (error: NodeJS.ErrnoException) => (failure = error.code ?? error.message));
    const ended = new Promise((resolve) => socket.once("close", resolve));
    socket.write("GET /waiting HTTP/1.1\r\nHost: shop.test\r\n\r\n");
    await ended;
    expect(failure).toBeNull();
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(reply.toLowerCase()).toContain("connection: close");
    await closed;
    expect(server.server.listening).toBe(false);
  });

  it("drains first: readiness answers 503 while every other request, on fresh or kept-alive connections, is served", async () => {
    const base = await start(0);
    const server = running!;
    running = undefined;
    const keptAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send(base, { path: "/before", agent: keptAlive })).headers.connection).toBe("keep-alive");
    // Long enough that no stall of a loaded machine ends it before the requests below are answered.
    const closed = server.shutdown(60_000, 10_000);
    for (const path of ["/api/health/ready", "/api/health/ready?probe=lb"]) {
      const ready = await send(base, { path });
      expect(ready.status, path).toBe(503);
      expect(JSON.parse(ready.body), path).toMatchObject({ status: "stopping" });
      // Never kept by a proxy, and the load balancer's probe connection is not kept either.
      expect(ready.headers["cache-control"], path).toBe("no-store");
      expect(ready.headers.connection, path).toBe("close");
    }
    // Everything else reaches the app as before: a new connection (the load balancer has not seen the 503
    // yet), liveness, and a connection kept alive from before the signal, now told to close.
    const fresh = await send(base, { path: "/products/boots" });
    const liveness = await send(base, { path: "/api/health" });
    const reused = await send(base, { path: "/cart", agent: keptAlive });
    for (const answer of [fresh, liveness, reused]) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ forwardedFor: "127.0.0.1" });
      expect(answer.headers.connection).toBe("close");
    }
    // The readiness answers never reached the app: the stop state is the server's.
    expect(seen).toHaveLength(4);
    expect(server.server.listening).toBe(true);
    await closed;
    expect(server.server.listening).toBe(false);
    await expect(send(base, { path: "/after" })).rejects.toThrow();
    keptAlive.destroy();
  });

  it("during the drain, a connection whose response said keep-alive before the signal takes its next request", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const base = await start(0, async (req, res) => {
      if (req.url === "/slow") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("started, ");
        await released;
      }
      res.end(req.url);
    });
    const server = running!;
    running = undefined;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const slow = send(base, { path: "/slow", agent });
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const closed = server.shutdown(60_000, 10_000);
    release();
    const first = await slow;
    expect(first).toMatchObject({ status: 200, body: "started, /slow" });
    // Its headers went out before the stop: the client keeps the connection and sends the next request on it
    // at once, as a load balancer's pool does. Had the server ended the connection after that response, this
    // request would meet a reset; it is served, and the server says to close now.
    expect(first.headers.connection).toBe("keep-alive");
    const next = await send(base, { path: "/next", agent });
    expect(next).toMatchObject({ status: 200, body: "/next" });
    expect(next.headers.connection).toBe("close");
    await closed;
    agent.destroy();
  });

  it("before a stop, readiness is the app's answer", async () => {
    const base = await start(0);
    expect((await send(base, { path: "/api/health/ready" })).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("closes an idle keep-alive connection at once, and a busy one when its response ends", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const base = await start(0, async (req, res) => {
      if (req.url === "/slow") await released;
      res.end(req.url);
    });
    const idle = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const busy = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send(base, { path: "/first", agent: idle })).body).toBe("/first");
    expect((await send(base, { path: "/first", agent: busy })).body).toBe("/first");
    const slow = send(base, { path: "/slow", agent: busy });
    while (seen.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    const server = running!;
    running = undefined;
    // A grace far past the test's timeout: the server must close once the slow response has ended, not
    // wait for the idle connection or for the busy one's next request.
    const closed = server.shutdown(3_600_000);
    release();
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: "/slow" });
    await closed;
    idle.destroy();
    busy.destroy();
  });
});
