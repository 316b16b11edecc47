// The products import route (POST /api/admin/products/import) past its authorization, against the running
// store with a signed-in staff member: an upload without a mode is only validated (a dry run writes
// nothing) while "import" writes; a file over the 5 MB cap is refused with 413 before it is read; a broken
// or non-UTF-8 upload gets a 400 with a message, not a 500; a cross-origin upload gets 403. None of the
// refusals writes anything. (Who may call it at all is in admin-authz.spec.ts.)
import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { query } from "./support/db";
import { createUser, signInRequest, uniqueClientIp } from "./support/auth";

const ROUTE = "/api/admin/products/import";
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

let staff: APIRequestContext;
let category = "";

test.beforeAll(async ({ baseURL }) => {
  staff = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp(), Origin: baseURL! },
  });
  const user = await createUser("STAFF");
  await signInRequest(staff, user.email, user.password);
  const [row] = await query<{ slug: string }>(`SELECT slug FROM "Category" ORDER BY slug LIMIT 1`);
  category = row!.slug;
});

test.afterAll(async () => {
  await staff?.dispose();
});

/** A one-product file (a draft, so the storefront never shows it) with a fresh handle and SKU. */
function csvFile() {
  const tag = randomUUID().slice(0, 8);
  const handle = `import-probe-${tag}`;
  const text = `handle,title,status,category,sku,price\r\n${handle},Import Probe ${tag},DRAFT,${category},PROBE-${tag.toUpperCase()},12.00\r\n`;
  return { handle, file: { name: "products.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf8") } };
}

/** What an import writes: products (with their variants) and its audit entry. */
async function writes() {
  const [row] = await query<{ products: string; variants: string; audit: string }>(
    `SELECT (SELECT count(*) FROM "Product") AS products, (SELECT count(*) FROM "Variant") AS variants,
            (SELECT count(*) FROM "AuditLog" WHERE action = 'product.import') AS audit`,
  );
  return row;
}

test("an upload without a mode is validated only; mode=import writes it", async () => {
  const { handle, file } = csvFile();
  const before = await writes();
  const dryRun = await staff.post(ROUTE, { multipart: { file } });
  expect(dryRun.status()).toBe(200);
  expect(await dryRun.json()).toMatchObject({
    ok: true,
    data: {
      mode: "validate",
      fileName: "products.csv",
      report: { ok: true, dryRun: true, written: false, counts: { rows: 1, productsCreated: 1, variantsCreated: 1 } },
    },
  });
  expect(await writes()).toEqual(before);
  expect(await query(`SELECT 1 FROM "Product" WHERE slug = $1`, [handle])).toHaveLength(0);

  const imported = await staff.post(ROUTE, { multipart: { file, mode: "import" } });
  expect(imported.status()).toBe(200);
  expect(await imported.json()).toMatchObject({
    ok: true,
    data: { mode: "import", report: { ok: true, dryRun: false, written: true, counts: { productsCreated: 1 } } },
  });
  expect(await query(`SELECT status FROM "Product" WHERE slug = $1`, [handle])).toEqual([{ status: "DRAFT" }]);
});

test("a file over the 5 MB cap is refused with 413, before it is read, and nothing is written", async () => {
  const before = await writes();
  const header = "handle,title,category,sku,price\r\n";
  const big = Buffer.alloc(MAX_IMPORT_BYTES + 128 * 1024, "a");
  big.write(header, 0, "utf8");
  const response = await staff.post(ROUTE, {
    multipart: { file: { name: "big.csv", mimeType: "text/csv", buffer: big }, mode: "import" },
  });
  expect(response.status()).toBe(413);
  expect(await response.json()).toMatchObject({
    ok: false,
    code: "invalid_input",
    error: "The CSV file is too large; the limit is 5 MB.",
    fieldErrors: { file: "The CSV file is too large; the limit is 5 MB." },
  });
  expect(await writes()).toEqual(before);
});

test("a broken upload is a 400 with a message, never a 500, and writes nothing", async () => {
  const before = await writes();
  const refusedWith = async (response: Awaited<ReturnType<APIRequestContext["post"]>>, error: string) => {
    expect(response.status(), error).toBe(400);
    expect(await response.json(), error).toMatchObject({ ok: false, code: "invalid_input", error });
  };
  // Multipart that stops in the middle of its part: no closing boundary.
  await refusedWith(
    await staff.post(ROUTE, {
      headers: { "Content-Type": "multipart/form-data; boundary=----probe" },
      data: '------probe\r\nContent-Disposition: form-data; name="file"; filename="products.csv"\r\nContent-Type: text/csv\r\n\r\nhandle,tit',
    }),
    "The upload could not be read. Please try again.",
  );
  // Not multipart at all.
  await refusedWith(
    await staff.post(ROUTE, { headers: { "Content-Type": "text/csv" }, data: "handle,title\r\n" }),
    "Send the CSV file as multipart form data.",
  );
  // A spreadsheet saved as UTF-16 and renamed .csv.
  await refusedWith(
    await staff.post(ROUTE, {
      multipart: {
        file: { name: "products.csv", mimeType: "text/csv", buffer: Buffer.from("\ufeffhandle,title\r\n", "utf16le") },
      },
    }),
    "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)” and upload that.",
  );
  // No file.
  await refusedWith(await staff.post(ROUTE, { multipart: { mode: "import" } }), "Choose a CSV file to upload.");
  expect(await writes()).toEqual(before);
});

test("an upload from another origin is refused with 403 and writes nothing", async () => {
  const { handle, file } = csvFile();
  const before = await writes();
  const response = await staff.post(ROUTE, {
    headers: { Origin: "https://evil.example" },
    multipart: { file, mode: "import" },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toEqual({
    ok: false,
    code: "cross_site",
    error: "This upload did not come from the store's admin.",
  });
  expect(await writes()).toEqual(before);
  expect(await query(`SELECT 1 FROM "Product" WHERE slug = $1`, [handle])).toHaveLength(0);
});
