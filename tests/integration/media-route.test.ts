import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, HEAD } from "@/app/media/[...path]/route";

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="10"><rect width="8" height="10" fill="#123456"/></svg>`;
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

function request(init: RequestInit = {}): Request {
  return new Request("http://localhost/media/whatever", init);
}

function call(segments: unknown, init: RequestInit = {}): Promise<Response> {
  return GET(request(init), { params: Promise.resolve({ path: segments as string[] }) });
}

describe("GET /media/[...path]", () => {
  let sandbox: string;
  let uploads: string;
  const previousUploadDir = process.env.UPLOAD_DIR;

  beforeAll(async () => {
    sandbox = await mkdtemp(path.join(os.tmpdir(), "media-route-"));
    uploads = path.join(sandbox, "uploads");
    await mkdir(path.join(uploads, "products"), { recursive: true });
    await writeFile(path.join(uploads, "products", "tee-black-front.0123456789.svg"), SVG);
    await writeFile(path.join(uploads, "products", "photo.PNG"), PNG);
    await writeFile(path.join(uploads, "products", ".hidden.svg"), SVG);
    await writeFile(path.join(uploads, "products", "notes.txt"), "secret notes");
    await writeFile(path.join(uploads, "products", "page.html"), "<script>alert(1)</script>");
    await mkdir(path.join(uploads, "products", "folder.svg"));
    // Outside the upload directory: must never be served, directly or through a link.
    await writeFile(path.join(sandbox, "outside.svg"), SVG);
    await symlink(path.join(sandbox, "outside.svg"), path.join(uploads, "products", "escape.svg"));
    process.env.UPLOAD_DIR = uploads;
  });

  afterAll(async () => {
    if (previousUploadDir === undefined) delete process.env.UPLOAD_DIR;
    else process.env.UPLOAD_DIR = previousUploadDir;
    if (sandbox) await rm(sandbox, { recursive: true, force: true });
  });

  it("serves a file with immutable caching, an ETag and safe headers", async () => {
    const response = await call(["products", "tee-black-front.0123456789.svg"]);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(SVG)));
    expect(await response.text()).toBe(SVG);
  });

  it("serves other image types with their content type and no SVG policy", async () => {
    const response = await call(["products", "photo.PNG"]);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-security-policy")).toBeNull();
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("answers 304 without a body when If-None-Match matches", async () => {
    const etag = (await call(["products", "tee-black-front.0123456789.svg"])).headers.get("etag") ?? "";
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const response = await call(["products", "tee-black-front.0123456789.svg"], {
        headers: { "If-None-Match": ifNoneMatch },
      });
      expect(response.status).toBe(304);
      expect(response.headers.get("etag")).toBe(etag);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(await response.text()).toBe("");
    }
    const stale = await call(["products", "tee-black-front.0123456789.svg"], {
      headers: { "If-None-Match": '"stale"' },
    });
    expect(stale.status).toBe(200);
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await HEAD(request({ method: "HEAD" }), {
      params: Promise.resolve({ path: ["products", "tee-black-front.0123456789.svg"] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(await response.text()).toBe("");
  });

  it.each([
    ["parent directory", ["..", "outside.svg"]],
    ["nested traversal", ["products", "..", "..", "outside.svg"]],
    ["encoded traversal", ["%2e%2e", "outside.svg"]],
    ["encoded traversal in a segment", ["products", "%2e%2e%2f%2e%2e%2foutside.svg"]],
    ["encoded slash", ["products%2f..%2f..%2foutside.svg"]],
    ["absolute path", ["/etc/passwd.svg"]],
    ["backslash", ["products", "..\\..\\outside.svg"]],
    ["NUL byte", ["products", "tee-black-front.0123456789.svg\u0000.png"]],
    ["hidden file", ["products", ".hidden.svg"]],
    ["unknown extension", ["products", "notes.txt"]],
    ["html", ["products", "page.html"]],
    ["no extension", ["products"]],
    ["directory with an image extension", ["products", "folder.svg"]],
    ["missing file", ["products", "missing.0000000000.svg"]],
    ["symlink leading outside", ["products", "escape.svg"]],
    ["empty path", []],
    ["not a list", "products/tee-black-front.0123456789.svg"],
  ])("answers 404 for %s", async (_name, segments) => {
    const response = await call(segments);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("Not found");
  });
});
