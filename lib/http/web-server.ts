// The store's HTTP server: node:http in front of Next.js's own request handler (the same handler `next
// start` uses), with a thin edge that does, for every request:
//   1. the security headers (lib/http/security-headers.ts), set first so the app can override them;
//   2. a 400 for a path Next.js cannot decode (malformed percent-encoding, an encoded control character:
//      Next answers those with a 500 or fails writing its cache), a 414 for an overlong path segment;
//   3. the client's address, resolved once from the socket and TRUSTED_PROXY_HOPS
//      (lib/http/client-address.ts), written as the only X-Forwarded-For value; X-Real-IP is removed, and
//      with no trusted proxy so are the X-Forwarded-Host/Proto/Port a client could have sent;
//   4. for server action requests only, the checks of lib/http/server-action-framing.ts (origin, not a
//      'use cache' function, a 1 MB body read with a running cap, a body Next can decode), after which the
//      body is replayed to Next;
//   5. for a document request (lib/http/document-request.ts), the target the app serves it from when
//      options.documentTarget names one (a search page's cached route, lib/search/listing-route.ts): the
//      request's URL is rewritten before Next sees it, so the browser's URL does not change;
//   6. once the server is stopping (shutdown's drain and close), readiness (READINESS_PATH) answered here
//      with 503 "stopping", so a load balancer takes the instance out, and Connection: close on every
//      response, so kept-alive clients reconnect elsewhere.
// GET requests pay for a few header writes and string checks; nothing is read or copied for them.
import { IncomingMessage, createServer, type Server, type ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";
import { resolveClientAddress } from "./client-address";
import { isDocumentRequest } from "./document-request";
import {
  SERVER_ACTION_BODY_LIMIT_BYTES,
  TOO_LARGE,
  actionBodyRefusal,
  actionIdRefusal,
  originRefusal,
  serverActionKind,
  type Refusal,
} from "./server-action-framing";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface WebServerOptions {
  trustedProxyHops: number;
  /** Set on every response (lib/http/security-headers.ts). */
  headers: ReadonlyArray<readonly [string, string]>;
  /** Next's request handler once it is ready; requests that arrive earlier wait for it. */
  handler: Promise<RequestHandler>;
  /**
   * Where a document request for this target ("/search?q=boots") is served from, or undefined to serve it
   * under its own URL. Never asked about a request of Next's client-side router.
   */
  documentTarget?: (target: string) => string | undefined;
}

export interface WebServer {
  server: Server;
  /**
   * Drains for drainMs: readiness answers 503 while every other request is still accepted and served (with
   * Connection: close), for a load balancer to see the 503 and send new requests elsewhere. Then stops
   * accepting connections, lets requests in flight finish for up to graceMs (idle keep-alive connections
   * are closed at once, busy ones once their response is out, each response delivered whole), then closes
   * whatever is left.
   */
  shutdown: (graceMs: number, drainMs?: number) => Promise<void>;
}

/** The readiness route (app/api/health/ready/route.ts), which this server answers itself while stopping. */
export const READINESS_PATH = "/api/health/ready";

/** Readiness while the server stops: never ready again, whatever the database and services say. */
const STOPPING = JSON.stringify({
  status: "stopping",
  message: "This instance is shutting down: send new requests to another one.",
});

function isReadiness(url: string): boolean {
  return url.startsWith(READINESS_PATH) && (url.length === READINESS_PATH.length || url[READINESS_PATH.length] === "?");
}

/**
 * Longer path segments are refused: no route of the store has one (slugs stop at 120 characters), and
 * Next.js names its cache files after the path, which fails past the file system's 255-byte names.
 */
export const MAX_PATH_SEGMENT_LENGTH = 200;

/** Why a request target cannot be routed, or undefined. Only a long path, or one with a %, is looked at. */
export function targetRefusal(url: string | undefined): Refusal | undefined {
  if (!url) return { status: 400, message: "Bad request: no path." };
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (
    path.length > MAX_PATH_SEGMENT_LENGTH &&
    path.split("/").some((segment) => segment.length > MAX_PATH_SEGMENT_LENGTH)
  )
    return {
      status: 414,
      message: `URI too long: a path segment is longer than ${MAX_PATH_SEGMENT_LENGTH} characters.`,
    };
  if (!path.includes("%")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { status: 400, message: "Bad request: the path has malformed percent-encoding." };
  }
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(decoded))
    return { status: 400, message: "Bad request: the path has a control character." };
  return undefined;
}

function answer(res: ServerResponse, refusal: Refusal, close = false): void {
  res.statusCode = refusal.status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  // The rest of an oversized body is not read: the connection cannot carry another request.
  if (close) res.setHeader("Connection", "close");
  res.end(refusal.message);
}

/** Replaces what a client may have written about itself with what this server knows. */
function applyClientAddress(req: IncomingMessage, hops: number): void {
  const headers = req.headers;
  const forwarded = headers["x-forwarded-for"];
  const address = resolveClientAddress(
    req.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    hops,
  );
  if (address) headers["x-forwarded-for"] = address;
  else delete headers["x-forwarded-for"];
  delete headers["x-real-ip"];
  if (hops === 0) {
    delete headers["x-forwarded-host"];
    delete headers["x-forwarded-proto"];
    delete headers["x-forwarded-port"];
  }
}

type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: "too-large" | "aborted" };

function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        done({ ok: false, reason: "too-large" });
        req.pause();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, body: Buffer.concat(chunks, total) });
    const onAbort = () => done({ ok: false, reason: "aborted" });
    const done = (result: BodyRead) => {
      req.off("data", onData).off("end", onEnd).off("error", onAbort).off("aborted", onAbort);
      resolve(result);
    };
    req.on("data", onData).on("end", onEnd).on("error", onAbort).on("aborted", onAbort);
  });
}

/** A request carrying the body already read, for Next to read again. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = { ...req.headers, "content-length": String(body.length) };
  delete copy.headers["transfer-encoding"];
  copy.rawHeaders = req.rawHeaders;
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

/** At shutdown, how long a connection accepted just before may take to send its first request. */
const FIRST_REQUEST_GRACE_MS = 1_000;

export function createWebServer(options: WebServerOptions): WebServer {
  const { trustedProxyHops, headers, documentTarget } = options;
  let handle: RequestHandler | undefined;
  const ready = options.handler.then((handler) => (handle = handler));
  // From the first moment of shutdown (its drain included): readiness says so, every response closes its
  // connection.
  let stopping = false;
  // From the end of the drain, when the listener closes: a connection is ended once its last response is
  // out. Not during the drain: a response whose headers went out before the signal said keep-alive, and
  // its client may send the next request on that connection at once; ended, that request would meet a
  // reset. Kept open, it is served (with Connection: close).
  let closing = false;

  const dispatch = (req: IncomingMessage, res: ServerResponse) => {
    const run = (handler: RequestHandler) =>
      handler(req, res).catch((error: unknown) => {
        // What `next start` does when its handler throws.
        console.error(`Failed to handle request for ${req.url}`, error);
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end("Internal Server Error");
        } else res.destroy();
      });
    if (handle) void run(handle);
    else void ready.then(run);
  };

  const guardServerAction = async (
    req: IncomingMessage,
    res: ServerResponse,
    kind: NonNullable<ReturnType<typeof serverActionKind>>,
  ) => {
    const refusal = originRefusal(req.headers) ?? actionIdRefusal(req.headers);
    if (refusal) return answer(res, refusal, true);
    const read = await readBody(req, SERVER_ACTION_BODY_LIMIT_BYTES);
    if (!read.ok) {
      if (read.reason === "too-large") answer(res, TOO_LARGE, true);
      else res.destroy();
      return;
    }
    const bodyRefusal = await actionBodyRefusal(kind, req.headers, read.body);
    if (bodyRefusal) return answer(res, bodyRefusal);
    dispatch(replay(req, read.body), res);
  };

  const server = createServer((req, res) => {
    for (let index = 0; index < headers.length; index++) res.setHeader(headers[index]![0], headers[index]![1]);
    if (stopping) {
      res.setHeader("Connection", "close");
      if (isReadiness(req.url ?? "")) {
        res.statusCode = 503;
        res.setHeader("Content-Type", "application/json");
        res.setHeader("Cache-Control", "no-store");
        res.end(STOPPING);
        return;
      }
    }
    const target = targetRefusal(req.url);
    if (target) return answer(res, target);
    applyClientAddress(req, trustedProxyHops);
    const query = req.url!.indexOf("?");
    const kind = serverActionKind(req.method, query === -1 ? req.url! : req.url!.slice(0, query), req.headers);
    if (kind) {
      guardServerAction(req, res, kind).catch((error: unknown) => {
        console.error(`Failed to check a server action request for ${req.url}`, error);
        if (!res.headersSent) answer(res, { status: 500, message: "Internal Server Error" }, true);
        else res.destroy();
      });
      return;
    }
    if (documentTarget && isDocumentRequest(req.method, req.url!, req.headers)) {
      const rewritten = documentTarget(req.url!);
      if (rewritten !== undefined) req.url = rewritten;
    }
    dispatch(req, res);
  });

  // Each connection with how many of its responses are still being written and how many bytes it had
  // received when its last one was out, for the shutdown. Node's own closeIdleConnections() (which
  // server.close() runs too) is not used: it counts a connection as idle once its response has ended,
  // while what was written may still be queued in this process, and destroying the socket then cuts the
  // response short (a client saw "200" and an empty body).
  const connections = new Map<Socket, { responding: number; readWhenIdle: number }>();
  /** Between requests: every response out, no byte of another request received. */
  const idle = (socket: Socket) => {
    const state = connections.get(socket);
    return state !== undefined && state.responding === 0 && socket.bytesRead === state.readWhenIdle;
  };
  server.on("connection", (socket: Socket) => {
    connections.set(socket, { responding: 0, readWhenIdle: 0 });
    socket.once("close", () => connections.delete(socket));
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const state = connections.get(req.socket);
    if (!state) return;
    state.responding++;
    // "close" comes after "finish" (all of it handed to the operating system) or after an abort.
    res.once("close", () => {
      if (--state.responding > 0) return;
      state.readWhenIdle = req.socket.bytesRead;
      // A FIN after anything still queued: the client sees the whole response, then the close.
      if (closing) req.socket.end();
    });
  });

  const shutdown = (graceMs: number, drainMs = 0) =>
    new Promise<void>((resolve) => {
      stopping = true;
      // The drain: still listening, so a request the load balancer sent before it saw readiness's 503 is
      // served, not reset; only then does the close below begin.
      if (drainMs > 0) setTimeout(() => close(graceMs, resolve), drainMs);
      else close(graceMs, resolve);
    });

  const close = (graceMs: number, resolve: () => void) => {
    // Connections the kernel completed while this process was busy wait in the listen backlog, and
    // closing the listener resets them: the client connected, sent its request and got a reset, as if
    // the request were lost. So the event loop polls once more first (the second setImmediate runs after
    // the next poll phase), which accepts them; they are served like any accepted connection.
    setImmediate(() => setImmediate(() => stopListening(graceMs, resolve)));
  };

  const stopListening = (graceMs: number, resolve: () => void) => {
    closing = true;
    // Stop listening (net's close: http's would run closeIdleConnections); the callback runs once every
    // connection has closed. Requests from now on are answered with Connection: close (above).
    NetServer.prototype.close.call(server, () => resolve());
    // A keep-alive connection between requests is ended now, a busy one when its response is out. One
    // that has not sent its first request yet gets a moment to send it: it was accepted, so its request
    // is served.
    const endIdle = (firstRequestToo: boolean) => {
      for (const socket of connections.keys())
        if (idle(socket) && (firstRequestToo || socket.bytesRead > 0)) socket.end();
    };
    endIdle(false);
    const firstRequests = setTimeout(() => endIdle(true), Math.min(graceMs, FIRST_REQUEST_GRACE_MS));
    const deadline = setTimeout(() => {
      for (const socket of connections.keys()) socket.destroy();
    }, graceMs);
    server.once("close", () => {
      clearTimeout(firstRequests);
      clearTimeout(deadline);
    });
  };

  return { server, shutdown };
}
