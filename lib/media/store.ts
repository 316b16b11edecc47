// Where media bytes live: the local disk (UPLOAD_DIR, the default) or an S3-compatible bucket (S3_BUCKET and
// the rest of ./s3.ts), so that every instance of the store reads the same images. Keys are the path under
// /media ("products/<name>.<hash>.<ext>"); names are content hashes (./files.ts), so an object is written
// once and never changes, and the URL a product keeps is the same on every instance.
import { access, mkdir, readFile, realpath, rename, stat, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { uploadDir } from "./paths";
import type { MediaObject, MediaStore } from "./media-store";
import { s3ConfigFromEnv, s3MediaStore } from "./s3";

export type { MediaObject, MediaStore } from "./media-store";

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR" || code === "ENAMETOOLONG" || code === "ELOOP";
}

/** Files under `root`. Reads resolve symlinks on both sides: a link inside the directory must not lead out. */
export function diskMediaStore(root: string = uploadDir()): MediaStore {
  const base = path.resolve(root);
  const fileOf = (key: string) => {
    const file = path.resolve(base, ...key.split("/"));
    if (!file.startsWith(base + path.sep)) throw new Error(`Media key outside the upload directory: ${key}`);
    return file;
  };
  return {
    kind: "disk",
    async exists(key) {
      try {
        await access(fileOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async put(key, bytes) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      // A temporary name, then a rename: a reader (or a crash) never sees half a file.
      const temporary = `${target}.${randomBytes(4).toString("hex")}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, target);
    },
    async read(key, options) {
      let file: string;
      try {
        const [realBase, realFile] = await Promise.all([realpath(base), realpath(fileOf(key))]);
        if (!realFile.startsWith(realBase + path.sep)) return null;
        file = realFile;
        const stats = await stat(file);
        if (!stats.isFile()) return null;
        // Size and modification time identify a version (as nginx does), without reading the file.
        const object: MediaObject = {
          size: stats.size,
          lastModified: stats.mtime,
          etag: `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`,
        };
        if (options.body) object.body = await readFile(file);
        return object;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}

let configured: { signature: string; store: MediaStore } | undefined;

/** The store the environment selects, read per call (tests switch it) and built once per setting. */
export function mediaStore(env: Readonly<Record<string, string | undefined>> = process.env): MediaStore {
  const s3 = s3ConfigFromEnv(env);
  const signature = s3 ? JSON.stringify(s3) : `disk:${uploadDir()}`;
  if (configured?.signature !== signature) {
    configured = { signature, store: s3 ? s3MediaStore(s3) : diskMediaStore() };
  }
  return configured.store;
}
