// Pure parts of the admin product form: prices typed as text, the dotted form names, the schema's
// messages and image sniffing by content.
import { describe, expect, it } from "vitest";
import { unflattenForm } from "@/lib/catalog/admin/form-data";
import { detectImageFormat, inspectImage, maxImageBytes } from "@/lib/catalog/admin/image-files";
import { formatMoneyInput, parseMoneyInput } from "@/lib/catalog/admin/money-input";
import { parseProductForm } from "@/lib/catalog/admin/schemas";
import { toSlug } from "@/lib/catalog/admin/slug";
import { UserError } from "@/lib/errors";

describe("parseMoneyInput", () => {
  it.each([
    ["19.99", "USD", 1999],
    ["19.9", "USD", 1990],
    ["19", "USD", 1900],
    ["0.01", "USD", 1],
    [".5", "USD", 50],
    [" 7.00 ", "USD", 700],
    ["19.", "USD", 1900],
    ["1999", "JPY", 1999],
    ["1.234", "KWD", 1234],
    ["1000000", "USD", 100_000_000],
    // The float trap: parseFloat("0.29") * 100 is 28.999999999999996.
    ["0.29", "USD", 29],
    ["1.15", "USD", 115],
  ])("%s %s is %d minor units", (text, currency, minor) => {
    expect(parseMoneyInput(text, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ["", "Enter a price."],
    ["0", "The price must be more than zero."],
    ["0.00", "The price must be more than zero."],
    ["-1", "The price must be more than zero."],
    ["abc", "Enter a number like 19.99."],
    ["$19.99", "Enter a number like 19.99."],
    ["1,299.00", "Enter a number like 19.99."],
    ["19,99", "Enter a number like 19.99."],
    ["1e3", "Enter a number like 19.99."],
    ["19.999", "Use at most 2 decimals, like 19.99."],
    ["1000000.01", "The price can be at most 1000000.00."],
    ["99999999999", "The price can be at most 1000000.00."],
  ])("refuses %j: %s", (text, message) => {
    expect(parseMoneyInput(text, "USD")).toEqual({ ok: false, message });
  });

  it("knows zero-decimal currencies", () => {
    expect(parseMoneyInput("19.5", "JPY")).toEqual({ ok: false, message: "JPY prices have no decimals." });
  });

  it("formats minor units back for the input", () => {
    expect(formatMoneyInput(1999, "USD")).toBe("19.99");
    expect(formatMoneyInput(5, "USD")).toBe("0.05");
    expect(formatMoneyInput(null, "USD")).toBe("");
  });
});

describe("unflattenForm", () => {
  it("builds nested objects and lists from dotted names", () => {
    expect(
      unflattenForm({
        title: "Tee",
        "options.0.name": "Size",
        "variants.0.sku": "A",
        "variants.0.options.0": "S",
        "variants.1.sku": "B",
      }),
    ).toEqual({ title: "Tee", options: [{ name: "Size" }], variants: [{ sku: "A", options: ["S"] }, { sku: "B" }] });
  });

  it("ignores hostile or malformed names", () => {
    const result = unflattenForm({
      "__proto__.polluted": "yes",
      "constructor.prototype.x": "1",
      "variants.99999999.sku": "huge",
      "variants.200.sku": "over the limit",
      "variants.01.sku": "leading zero",
      "variants..sku": "empty",
      "a.b.c.d.e": "too deep",
      "title.0": "conflict with a later scalar",
      title: "Tee",
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.variants).toBeUndefined();
    expect(result.a).toBeUndefined();
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(result.title).toEqual(["conflict with a later scalar"]);
  });

  it("drops holes so a list never has empty slots", () => {
    expect(unflattenForm({ "variants.0.sku": "A", "variants.2.sku": "C" })).toEqual({
      variants: [{ sku: "A" }, { sku: "C" }],
    });
  });
});

describe("parseProductForm", () => {
  const base = { title: " Tee ", categoryId: "cat1", "variants.0.sku": " tee-1 ", "variants.0.price": "10" };

  it("normalises what it accepts", () => {
    const parsed = parseProductForm(
      { ...base, tags: " A, b ,a,, ", featured: "on", slug: "", brandId: "", seoTitle: "  " },
      "USD",
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data).toMatchObject({
      title: "Tee",
      slug: null,
      brandId: null,
      seoTitle: null,
      status: null,
      featured: true,
      tags: ["a", "b"],
      currency: "USD",
      options: [],
      variants: [
        {
          id: null,
          sku: "TEE-1",
          priceCents: 1000,
          compareAtPriceCents: null,
          weightGrams: null,
          lowStockThreshold: 5,
          initialStock: 0,
          options: [],
        },
      ],
    });
  });

  it("turns a typed URL name into a slug and refuses one with nothing usable", () => {
    const parsed = parseProductForm({ ...base, slug: "Summer Sale Tee!" }, "USD");
    expect(parsed.ok && parsed.data.slug).toBe("summer-sale-tee");
    expect(parseProductForm({ ...base, slug: "???" }, "USD")).toEqual({
      ok: false,
      fieldErrors: { slug: "Use letters and digits in the URL name." },
    });
  });

  it("names every bad field at once, by its input name", () => {
    const parsed = parseProductForm(
      {
        categoryId: "",
        status: "LIVE",
        "variants.0.sku": "bad sku!",
        "variants.0.price": "0",
        "variants.0.weightGrams": "1.5",
        "variants.0.lowStockThreshold": "-1",
        "variants.0.stock": "2000000",
      },
      "USD",
    );
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        title: "Enter a title.",
        categoryId: "Choose a category.",
        status: "Choose draft, active or archived.",
        "variants.0.sku": "Use letters, digits, dots, slashes and hyphens only.",
        "variants.0.price": "The price must be more than zero.",
        "variants.0.weightGrams": "Weight must be a whole number, 0 or more.",
        "variants.0.lowStockThreshold": "The low-stock threshold must be a whole number, 0 or more.",
        "variants.0.stock": "Stock can be at most 1,000,000.",
        stockLocationId: "Choose where the initial stock is.",
      },
    });
  });

  it("treats SKUs case-insensitively when looking for duplicates in the grid", () => {
    const parsed = parseProductForm(
      {
        ...base,
        "options.0.name": "Size",
        "variants.0.options.0": "S",
        "variants.1.options.0": "M",
        "variants.1.sku": "TEE-1",
        "variants.1.price": "10",
        "variants.2.options.0": "L",
        "variants.2.sku": "tee-1",
        "variants.2.price": "10",
      },
      "USD",
    );
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        "variants.1.sku": "Row 1 already uses this SKU.",
        "variants.2.sku": "Row 1 already uses this SKU.",
      },
    });
  });

  it("caps the number of options and variants", () => {
    const many: Record<string, string> = { title: "T", categoryId: "c", "options.0.name": "N" };
    for (let i = 0; i < 101; i++)
      Object.assign(many, {
        [`variants.${i}.sku`]: `S${i}`,
        [`variants.${i}.price`]: "1",
        [`variants.${i}.options.0`]: `v${i}`,
      });
    const parsed = parseProductForm(many, "USD");
    expect(parsed.ok ? null : parsed.fieldErrors.variants).toBe("At most 100 variants.");
  });
});

describe("toSlug", () => {
  it("makes readable slugs and cuts long ones at a hyphen", () => {
    expect(toSlug("Crème Brûlée & Co.")).toBe("creme-brulee-and-co");
    const long = toSlug("word ".repeat(60));
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith("-")).toBe(false);
  });
});

describe("inspectImage", () => {
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
    "base64",
  );
  // SOI, an APP0 segment, then SOF0 with height 480 and width 640.
  const jpeg = Buffer.from("ffd8ffe000104a46494600010100000100010000ffc000110801e0028003012200021101031101", "hex");
  // RIFF....WEBPVP8X with canvas 800 x 600 (stored minus one, 24-bit little-endian).
  const webp = Buffer.concat([
    Buffer.from("RIFF"),
    Buffer.from([30, 0, 0, 0]),
    Buffer.from("WEBPVP8X"),
    Buffer.from([10, 0, 0, 0, 0, 0, 0, 0]),
    Buffer.from([0x1f, 0x03, 0x00, 0x57, 0x02, 0x00]),
  ]);
  const gif = Buffer.from("474946383961020003000000", "hex");

  it.each([
    ["png", png, 1, 1, "image/png"],
    ["jpeg", jpeg, 640, 480, "image/jpeg"],
    ["webp", webp, 800, 600, "image/webp"],
    ["gif", gif, 2, 3, "image/gif"],
  ] as const)("reads a %s by its bytes and its size from the header", (format, bytes, width, height, contentType) => {
    expect(inspectImage(bytes, 1024)).toMatchObject({ format, width, height, contentType });
  });

  it.each([
    ["a text file", Buffer.from("hello, I am not a picture"), "image_unsupported"],
    ["an SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), "image_svg_refused"],
    [
      "an SVG behind an XML prolog and a BOM",
      Buffer.from('\uFEFF  <?xml version="1.0"?>\n<svg/>'),
      "image_svg_refused",
    ],
    ["HTML", Buffer.from("<!DOCTYPE html><script>alert(1)</script>"), "image_svg_refused"],
    ["a PNG signature alone", png.subarray(0, 8), "image_unreadable"],
    ["a JPEG without a frame header", Buffer.from("ffd8ffd9", "hex"), "image_unreadable"],
    ["an empty file", Buffer.alloc(0), "image_empty"],
    ["a file over the limit", Buffer.alloc(2048, 1), "image_too_large"],
  ])("refuses %s", (_name, bytes, code) => {
    let error: unknown;
    try {
      inspectImage(bytes, 1024);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe(code);
  });

  it("refuses absurd pixel sizes", () => {
    const huge = Buffer.from(png);
    huge.writeUInt32BE(50_000, 16);
    expect(() => inspectImage(huge, 1024)).toThrow(/at most 10000 pixels/);
  });

  it("detects formats without trusting names", () => {
    expect(detectImageFormat(gif)).toBe("gif");
    expect(detectImageFormat(Buffer.from("GIF90a"))).toBeNull();
  });

  it("reads MAX_IMAGE_BYTES, ignoring nonsense", () => {
    const previous = process.env.MAX_IMAGE_BYTES;
    try {
      process.env.MAX_IMAGE_BYTES = "1048576";
      expect(maxImageBytes()).toBe(1_048_576);
      for (const bad of ["", "abc", "-5", "0", "1.5"]) {
        process.env.MAX_IMAGE_BYTES = bad;
        expect(maxImageBytes()).toBe(5 * 1024 * 1024);
      }
    } finally {
      if (previous === undefined) delete process.env.MAX_IMAGE_BYTES;
      else process.env.MAX_IMAGE_BYTES = previous;
    }
  });
});
