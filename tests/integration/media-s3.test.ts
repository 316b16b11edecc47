// Product images in an S3-compatible bucket (S3_BUCKET): a real S3 API server (s3rver, tests/helpers/s3.ts)
// through @aws-sdk/client-s3. An upload lands in the bucket and nowhere on the local disk, the media route
// serves it from the bucket with the same URL, headers and conditional answers as from disk (so any
// instance serves what any other stored), the same bytes are stored once, and a refused upload (magic
// bytes, size) writes nothing to the bucket.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as mediaGET, HEAD as mediaHEAD } from "@/app/media/[...path]/route";
import { addProductImage } from "@/lib/catalog/admin/images";
import { saveProductImage } from "@/lib/media/files";
import { mediaStore } from "@/lib/media/store";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startTestS3, type TestS3 } from "../helpers/s3";

// A 1 x 1 PNG.
const PNG_1X1 = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

let s3: TestS3;
let uploads: string;
let database: TestDatabase;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  s3 = await startTestS3();
  uploads = await mkdtemp(path.join(os.tmpdir(), "storefront-uploads-"));
  for (const [key, value] of Object.entries({ ...s3.env, UPLOAD_DIR: uploads })) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  database = await createTestDatabase();
});

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await database?.drop();
  await s3?.stop();
  await rm(uploads, { recursive: true, force: true });
});

function route(url: string, headers: Record<string, string> = {}, method = "GET") {
  const segments = url
    .replace(/^\/media\//, "")
    .split("/")
    .map(decodeURIComponent);
  const request = new Request(`http://localhost${url}`, { method, headers });
  const context = { params: Promise.resolve({ path: segments }) };
  return method === "HEAD" ? mediaHEAD(request, context) : mediaGET(request, context);
}

describe("media in an S3 bucket", () => {
  it("stores in the bucket, not on disk, and serves it back with immutable caching", async () => {
    expect(mediaStore().kind).toBe("s3");
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';
    const first = await saveProductImage("ridge-tee-black-front", "svg", svg);
    expect(first.url).toMatch(/^\/media\/products\/ridge-tee-black-front\.[0-9a-f]{10}\.svg$/);
    expect(await s3.keys()).toContain(`products/${first.fileName}`);
    expect(await readdir(uploads)).toEqual([]);

    const response = await route(first.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(svg);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"/);

    const notModified = await route(first.url, { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    const head = await route(first.url, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength(svg)));
    expect(await head.text()).toBe("");

    // The same bytes again: the same name, one object.
    const again = await saveProductImage("ridge-tee-black-front", "svg", svg);
    expect(again.url).toBe(first.url);
    expect((await s3.keys()).filter((key) => key === `products/${first.fileName}`)).toHaveLength(1);
  });

  it("answers 404 for a missing object and for names that are not servable", async () => {
    expect((await route("/media/products/nothing.0123456789.png")).status).toBe(404);
    expect((await route("/media/products/notes.txt")).status).toBe(404);
    expect(
      (await mediaGET(new Request("http://localhost/media/x"), { params: Promise.resolve({ path: [".."] }) })).status,
    ).toBe(404);
  });

  it("an admin upload goes to the bucket; a refused one writes nothing there", async () => {
    const db = database.prisma;
    const actor = await db.user.create({ data: { email: "s3-admin@example.test", role: "ADMIN" } });
    const category = await db.category.create({ data: { name: "Tees", slug: "tees-s3" } });
    const product = await db.product.create({
      data: { title: "S3 tee", slug: "s3-tee", description: "A tee.", categoryId: category.id, status: "ACTIVE" },
    });
    const keysBefore = await s3.keys();
    await expect(
      addProductImage(db, { id: actor.id }, product.id, { bytes: Buffer.from("not an image"), alt: "" }),
    ).rejects.toMatchObject({ code: "image_unsupported" });
    expect(await s3.keys()).toEqual(keysBefore);

    const added = await addProductImage(db, { id: actor.id }, product.id, { bytes: PNG_1X1, alt: "Front" });
    const response = await route(added.image.url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG_1X1);
    expect(await readdir(uploads)).toEqual([]);
  });
});
