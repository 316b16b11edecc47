// Server action requests checked at the web server, before Next.js sees them. Next.js answers HTTP 500 (and
// logs an error) for every request it cannot decode: a body that is not the React reply format, a
// truncated multipart body, one over its 1 MB limit, an Origin header that is not a URL, an Origin of
// another site. None of those is a server fault, so the web server answers them with a 4xx instead and
// Next only sees requests it can decode. Valid requests pass unchanged (the body is replayed to Next).
//
// Which requests: exactly the ones Next treats as possible server actions
// (node_modules/next/dist/server/lib/server-action-request-meta.js): a POST with a Next-Action header
// (a "fetch" action, sent by React in the browser), or a POST of a multipart or urlencoded form (a
// "form" action: a <form> submitted before JavaScript runs). Form posts to route handlers are not
// actions; route handlers live under /api/ (docs/security.md), which keeps uploads there (5 MB) out of
// the 1 MB action limit.
//
// The decode check mirrors the React 19 reply format conservatively: it refuses only what React's decoder
// is certain to fail on (JSON that does not parse, a reference to a part the request does not contain, a
// malformed BigInt); forms it does not know are passed on, so a newer React cannot be refused by it.
import { createRequire } from "node:module";
import type { IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";

/** Next's default serverActions.bodySizeLimit (next.config.ts does not change it). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

export type ServerActionKind = "fetch" | "form";

export interface Refusal {
  status: number;
  message: string;
}

/** Next's own rule for which requests may be server actions; null for every other request. */
export function serverActionKind(
  method: string | undefined,
  pathname: string,
  headers: IncomingHttpHeaders,
): ServerActionKind | null {
  if (method !== "POST") return null;
  if (typeof headers["next-action"] === "string") return "fetch";
  if (pathname.startsWith("/api/")) return null;
  const contentType = headers["content-type"];
  if (contentType?.startsWith("multipart/form-data") || contentType === "application/x-www-form-urlencoded")
    return "form";
  return null;
}

function firstForwardedHost(headers: IncomingHttpHeaders): string | undefined {
  const value = headers["x-forwarded-host"];
  return (Array.isArray(value) ? value[0] : value?.split(",")[0])?.trim() || undefined;
}

/**
 * The cross-site check Next makes (Origin's host must be the request's host), answered 403 instead of
 * Next's 500; an Origin that is not a URL is 400. A request without Origin passes, as in Next (browsers
 * always send it on POSTs; a hand-made request carries no one else's cookies).
 */
export function originRefusal(headers: IncomingHttpHeaders): Refusal | undefined {
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  let originHost: string;
  if (origin === "null") originHost = "null";
  else {
    try {
      originHost = new URL(origin).host;
    } catch {
      return { status: 400, message: "Bad request: the Origin header is not a URL." };
    }
  }
  const host = firstForwardedHost(headers) ?? headers.host;
  if (originHost !== host) return { status: 403, message: "Forbidden: this form was posted from another site." };
  return undefined;
}

/**
 * Functions marked 'use cache' are server references too, and Next runs one when a request names it as
 * its action: the app's internal catalog reads, called with any arguments, each distinct call filling the
 * cache. Nothing in the browser calls them (server components do, on the server), so a request naming
 * one is refused as Next refuses an unknown action. Next marks them in the id's first byte (its high bit;
 * node_modules/next/dist/shared/lib/server-reference-info.js).
 */
export function isCacheFunctionId(id: string): boolean {
  return /^[0-9a-f]{42}$/i.test(id) && (parseInt(id.slice(0, 2), 16) & 0x80) !== 0;
}

const NOT_AN_ACTION: Refusal = { status: 404, message: "Not found: no such server action." };

/** A fetch action naming a 'use cache' function; form actions are checked with their body. */
export function actionIdRefusal(headers: IncomingHttpHeaders): Refusal | undefined {
  const id = headers["next-action"];
  return typeof id === "string" && isCacheFunctionId(id) ? NOT_AN_ACTION : undefined;
}

export const TOO_LARGE: Refusal = {
  status: 413,
  message: `Payload too large: a form may send at most ${SERVER_ACTION_BODY_LIMIT_BYTES / (1024 * 1024)} MB.`,
};

const UNREADABLE: Refusal = { status: 400, message: "Bad request: the form data could not be read." };

/** A part of a reply: a string holds JSON (or text), anything else is a file. */
type Part = string | { file: true };

const require = createRequire(import.meta.url);
type Busboy = NodeJS.WritableStream & {
  on(event: "field", listener: (name: string, value: string) => void): Busboy;
  on(event: "file", listener: (name: string, stream: Readable) => void): Busboy;
  on(event: "error", listener: (error: unknown) => void): Busboy;
  on(event: "close", listener: () => void): Busboy;
};
// The multipart parser Next decodes fetch actions with, so both agree on what is well formed.
const createBusboy = require("next/dist/compiled/busboy") as (options: {
  headers: IncomingHttpHeaders;
  defParamCharset: string;
  limits: { fieldSize: number };
}) => Busboy;

async function busboyParts(headers: IncomingHttpHeaders, body: Buffer): Promise<Map<string, Part>> {
  const parts = new Map<string, Part>();
  const parser = createBusboy({
    headers,
    defParamCharset: "utf8",
    limits: { fieldSize: SERVER_ACTION_BODY_LIMIT_BYTES },
  });
  await new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value) => void parts.set(name, value));
    parser.on("file", (name, stream) => {
      parts.set(name, { file: true });
      stream.resume();
    });
    parser.on("error", reject);
    parser.on("close", resolve);
    Readable.from([body]).pipe(parser);
  });
  return parts;
}

/** The parser Next decodes form actions with (the platform's FormData). */
async function formDataParts(contentType: string, body: Buffer): Promise<Map<string, Part>> {
  const formData = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  const parts = new Map<string, Part>();
  formData.forEach((value, key) => void parts.set(key, typeof value === "string" ? value : { file: true }));
  return parts;
}

// Reference forms of React's reply format ("$" + a letter; ReactFlightReplyServer's parseModelString):
const SELF_CONTAINED = new Set(["$", "T", "I", "-", "N", "u", "D", "H", "K"]);
const MODEL_REFERENCE = new Set(["@", "h", "Q", "W", "i"]);
const BINARY_REFERENCE = new Set([..."AOoUSsLlGgMmVB"]);
const STREAM_REFERENCE = new Set([..."RrXx"]);

/**
 * Why React's decoder would fail on this reply, or undefined. `part(id)` is the part with that id (React
 * numbers them in hex in references, and names them prefix + decimal id).
 */
export function replyProblem(part: (id: number) => Part | undefined, root: "array" | "object"): string | undefined {
  const checked = new Set<number>();
  const check = (id: number, shape?: "array" | "object"): string | undefined => {
    if (checked.has(id)) return undefined;
    checked.add(id);
    const text = part(id);
    if (typeof text !== "string") return `part ${id} is missing`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return `part ${id} is not JSON`;
    }
    if (shape === "array" && !Array.isArray(value)) return "the arguments are not a list";
    if (shape === "object" && (typeof value !== "object" || value === null || Array.isArray(value)))
      return "the action reference is not an object";
    return walk(value);
  };
  const reference = (text: string): number => parseInt(text.split(":")[0] ?? "", 16);
  const walk = (value: unknown): string | undefined => {
    if (typeof value === "string") {
      if (value[0] !== "$") return undefined;
      const kind = value[1] ?? "";
      if (SELF_CONTAINED.has(kind) || STREAM_REFERENCE.has(kind)) return undefined;
      if (kind === "n") {
        const digits = value.slice(2);
        if (digits.length > 300 || !/^-?\d*$/.test(digits)) return "malformed BigInt";
        return undefined;
      }
      if (BINARY_REFERENCE.has(kind)) {
        const id = reference(value.slice(2));
        const target = Number.isNaN(id) ? undefined : part(id);
        if (target === undefined) return `reference ${value} names no part`;
        return kind === "B" && typeof target === "string" ? `reference ${value} names no file` : undefined;
      }
      const id = reference(MODEL_REFERENCE.has(kind) ? value.slice(2) : value.slice(1));
      return Number.isNaN(id) ? `reference ${value} names no part` : check(id);
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        const problem = walk(item);
        if (problem) return problem;
      }
    } else if (typeof value === "object" && value !== null) {
      for (const item of Object.values(value)) {
        const problem = walk(item);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  return check(0, root);
}

/** Why Next could not decode this server action body (already read, within the limit), or undefined. */
export async function actionBodyRefusal(
  kind: ServerActionKind,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<Refusal | undefined> {
  const contentType = headers["content-type"] ?? "";
  const refuse = (problem: string | undefined): Refusal | undefined =>
    problem ? { status: 400, message: `Bad request: the form data could not be read (${problem}).` } : undefined;
  if (kind === "fetch") {
    if (contentType.startsWith("multipart/form-data")) {
      let parts: Map<string, Part>;
      try {
        parts = await busboyParts(headers, body);
      } catch {
        return UNREADABLE;
      }
      return refuse(replyProblem((id) => parts.get(String(id)), "array"));
    }
    // React never sends one urlencoded. Next answers 404 too, but by rendering the not-found page inside
    // the page's prerendered shell, which React logs as an error on every such request.
    if (contentType === "application/x-www-form-urlencoded") return NOT_AN_ACTION;
    // Any other body is one JSON text.
    const text = body.toString("utf8");
    return refuse(replyProblem((id) => (id === 0 ? text : undefined), "array"));
  }
  // A form post: Next reads it as FormData, then decodes the action it names (if any) with its bound
  // arguments from the $ACTION_<n>:<id> fields. Forms that name no action are left to the page.
  if (contentType === "application/x-www-form-urlencoded") return undefined;
  let parts: Map<string, Part>;
  try {
    parts = await formDataParts(contentType, body);
  } catch {
    return UNREADABLE;
  }
  for (const key of parts.keys()) {
    if (key.startsWith("$ACTION_ID_") && isCacheFunctionId(key.slice("$ACTION_ID_".length))) return NOT_AN_ACTION;
    if (!key.startsWith("$ACTION_REF_")) continue;
    const prefix = `$ACTION_${key.slice("$ACTION_REF_".length)}:`;
    const descriptor = parts.get(`${prefix}0`);
    if (typeof descriptor === "string" && isCacheFunctionId(/"id":"([0-9a-f]+)"/i.exec(descriptor)?.[1] ?? ""))
      return NOT_AN_ACTION;
    const problem = replyProblem((id) => parts.get(`${prefix}${id}`), "object");
    if (problem) return refuse(problem);
  }
  return undefined;
}
