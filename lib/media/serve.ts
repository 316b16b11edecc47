// Serves media for the /media/[...path] route from the media store (./store.ts: UPLOAD_DIR on disk, or the
// S3 bucket). Anything that is not a plain, visible object with a known image extension is a 404: no
// traversal (`..`, encoded or not), no absolute paths, no hidden files, no symlinks pointing outside the
// upload directory, no directory listings.
import path from "node:path";
import { z } from "zod";
import { MEDIA_CONTENT_TYPES } from "./paths";
import { diskMediaStore, mediaStore, type MediaStore } from "./store";

// A segment starts with a letter, digit or underscore (so never "." or ".."), and holds only letters,
// digits, ".", "_" and "-": no slashes, backslashes, percent signs, NUL bytes or spaces.
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export const mediaPathSchema = z.array(z.string().min(1).max(200).regex(SEGMENT)).min(1).max(8);

/** File names are content-hashed, so a URL's bytes never change: cache for a year, never revalidate. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

// An uploaded SVG opened directly must not run script or load anything: no sources at all, inline
// styles only, and a sandbox (no scripts, no same-origin access) on top.
export const SVG_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The store key and content type when `segments` name a servable object, otherwise null. */
export function mediaKey(segments: unknown): { key: string; contentType: string } | null {
  const parsed = mediaPathSchema.safeParse(segments);
  if (!parsed.success) return null;
  const names = parsed.data;
  const fileName = names[names.length - 1] ?? "";
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const contentType = Object.hasOwn(MEDIA_CONTENT_TYPES, extension) ? MEDIA_CONTENT_TYPES[extension] : undefined;
  if (!contentType) return null;
  return { key: names.join("/"), contentType };
}

/** Weak comparison of If-None-Match against our ETag, including lists and `*` (RFC 9110 13.1.2). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim() === "*" || strip(candidate) === strip(etag));
}

/** `source`: a directory (tests) or a store; by default the one the environment selects. */
export async function serveMedia(
  request: Request,
  segments: unknown,
  source: string | MediaStore = mediaStore(),
): Promise<Response> {
  const resolved = mediaKey(segments);
  if (!resolved) return notFound();
  const store = typeof source === "string" ? diskMediaStore(source) : source;
  const conditional = matchesEtagHeader(request);
  const object = await store.read(resolved.key, { body: request.method !== "HEAD" && !conditional });
  if (!object) return notFound();

  const headers = new Headers({
    "Content-Type": resolved.contentType,
    "Cache-Control": IMMUTABLE_CACHE_CONTROL,
    ETag: object.etag,
    "Last-Modified": object.lastModified.toUTCString(),
    "X-Content-Type-Options": "nosniff",
  });
  if (resolved.contentType === MEDIA_CONTENT_TYPES.svg)
    headers.set("Content-Security-Policy", SVG_CONTENT_SECURITY_POLICY);

  if (matchesEtag(request.headers.get("if-none-match"), object.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(object.size));
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  // A conditional request that did not match: read the bytes now.
  const body = object.body ?? (await store.read(resolved.key, { body: true }))?.body;
  if (!body) return notFound();
  headers.set("Content-Length", String(body.byteLength));
  return new Response(new Uint8Array(body), { status: 200, headers });
}

/** Whether the request carries If-None-Match at all (then the metadata is read first, the body maybe not). */
function matchesEtagHeader(request: Request): boolean {
  return Boolean(request.headers.get("if-none-match"));
}
