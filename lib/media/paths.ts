// Where uploaded and generated media live on disk, and the public URL they are served under
// (app/media/[...path]/route.ts). No server-only import: the seed CLI and tests use it outside Next.
import path from "node:path";

/** The store's state directory; same rule as lib/ops/runtime.ts (not imported so the media route
 *  does not pull the embedded PostgreSQL launcher into its bundle). */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? path.join(process.cwd(), ".data"));
}

/** Root of everything served under /media. Read on every call so tests can point it elsewhere. */
export function uploadDir(): string {
  return path.resolve(process.env.UPLOAD_DIR ?? path.join(dataDir(), "uploads"));
}

/** URL prefix of the media route. */
export const MEDIA_URL_PREFIX = "/media";

/** Product images go under this sub-directory of uploadDir(). */
export const PRODUCT_MEDIA_DIR = "products";

export function productImageUrl(fileName: string): string {
  return `${MEDIA_URL_PREFIX}/${PRODUCT_MEDIA_DIR}/${encodeURIComponent(fileName)}`;
}

/** Content types the media route serves; any other extension is a 404. */
export const MEDIA_CONTENT_TYPES: Readonly<Record<string, string>> = {
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
};
