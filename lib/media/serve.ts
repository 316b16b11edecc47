// Serves files from uploadDir() for the /media/[...path] route. Anything that is not a plain, visible
// file with a known image extension inside that directory is a 404: no traversal (`..`, encoded or not),
// no absolute paths, no hidden files, no symlinks pointing outside, no directory listings.
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { MEDIA_CONTENT_TYPES, uploadDir } from "./paths";

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

/** The file's path when `segments` name a servable file inside `root`, otherwise null. */
export async function resolveMediaFile(
  root: string,
  segments: unknown,
): Promise<{ file: string; contentType: string } | null> {
  const parsed = mediaPathSchema.safeParse(segments);
  if (!parsed.success) return null;
  const names = parsed.data;
  const fileName = names[names.length - 1] ?? "";
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const contentType = Object.hasOwn(MEDIA_CONTENT_TYPES, extension) ? MEDIA_CONTENT_TYPES[extension] : undefined;
  if (!contentType) return null;

  const base = path.resolve(root);
  const candidate = path.resolve(base, ...names);
  if (!candidate.startsWith(base + path.sep)) return null;
  try {
    // Resolve symlinks on both sides: a link inside the upload directory must not lead out of it.
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(candidate)]);
    if (!realFile.startsWith(realBase + path.sep)) return null;
    return { file: realFile, contentType };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR" || code === "ENAMETOOLONG" || code === "ELOOP";
}

/** Weak comparison of If-None-Match against our ETag, including lists and `*` (RFC 9110 13.1.2). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim() === "*" || strip(candidate) === strip(etag));
}

export async function serveMedia(request: Request, segments: unknown, root: string = uploadDir()): Promise<Response> {
  const resolved = await resolveMediaFile(root, segments);
  if (!resolved) return notFound();

  let stats;
  try {
    stats = await stat(resolved.file);
  } catch (error) {
    if (isMissing(error)) return notFound();
    throw error;
  }
  if (!stats.isFile()) return notFound();

  // Size and modification time identify a version (as nginx does), without reading the file for a 304.
  const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const headers = new Headers({
    "Content-Type": resolved.contentType,
    "Cache-Control": IMMUTABLE_CACHE_CONTROL,
    ETag: etag,
    "Last-Modified": stats.mtime.toUTCString(),
    "X-Content-Type-Options": "nosniff",
  });
  if (resolved.contentType === MEDIA_CONTENT_TYPES.svg)
    headers.set("Content-Security-Policy", SVG_CONTENT_SECURITY_POLICY);

  if (matchesEtag(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }

  let body: Buffer;
  try {
    body = await readFile(resolved.file);
  } catch (error) {
    if (isMissing(error)) return notFound();
    throw error;
  }
  headers.set("Content-Length", String(body.byteLength));
  return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers });
}
