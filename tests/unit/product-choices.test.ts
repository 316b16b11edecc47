import { describe, expect, it } from "vitest";
import { decodeProductChoices, encodeProductChoices } from "@/lib/catalog/product-choices";
import { breadcrumbListJsonLd, productJsonLd } from "@/lib/catalog/structured-data";
import type { GalleryImage, ProductOptionData, VariantData } from "@/lib/catalog/types";
import { findVariant, galleryIndexForVariant } from "@/lib/catalog/variants";

// Colour Olive/Sand x Size 8/9, where Sand / 9 is not made; one variant with its own title.
const options: ProductOptionData[] = [
  {
    id: "opt-colour",
    name: "Colour",
    values: [
      { id: "val-olive", value: "Olive" },
      { id: "val-sand", value: "Sand" },
    ],
  },
  {
    id: "opt-size",
    name: "Size",
    values: [
      { id: "val-8", value: "US 8" },
      { id: "val-9", value: "US 9" },
    ],
  },
];

function variant(id: string, colour: string, size: string, overrides: Partial<VariantData> = {}): VariantData {
  const colourLabel = options[0]!.values.find((value) => value.id === colour)!.value;
  const sizeLabel = options[1]!.values.find((value) => value.id === size)!.value;
  return {
    id,
    sku: `GRT-BOT-0113-${colourLabel.slice(0, 3).toUpperCase()}-${sizeLabel.replace(" ", "")}`,
    title: `${colourLabel} / ${sizeLabel}`,
    priceCents: 17200,
    compareAtPriceCents: null,
    currency: "USD",
    lowStockThreshold: 10,
    optionValues: { "opt-colour": colour, "opt-size": size },
    ...overrides,
  };
}

const variants = [
  variant("v-olive-8", "val-olive", "val-8"),
  variant("v-olive-9", "val-olive", "val-9", { priceCents: 17700, compareAtPriceCents: 19900 }),
  variant("v-sand-8", "val-sand", "val-8", { title: "Sand (limited) / US 8", lowStockThreshold: 3 }),
];

const images: GalleryImage[] = [
  {
    url: "/media/products/chukka-olive-front.e42.svg",
    alt: "Chukka in Olive",
    width: 800,
    height: 1000,
    optionValueId: "val-olive",
  },
  {
    url: "/media/products/chukka-sand-front.d09.svg",
    alt: "Chukka in Sand",
    width: 800,
    height: 1000,
    optionValueId: "val-sand",
  },
  {
    url: "/media/products/chukka-detail.a1e.svg",
    alt: "Chukka, close-up",
    width: 800,
    height: 600,
    optionValueId: null,
  },
];

const product = { currency: "USD", options, variants, images };

describe("encodeProductChoices / decodeProductChoices", () => {
  const encoded = encodeProductChoices(product);
  const decoded = decodeProductChoices(encoded);

  it("keeps every variant's own facts", () => {
    expect(decoded.variants.map(({ optionValues: _ids, ...facts }) => facts)).toEqual(
      variants.map(({ optionValues: _ids, ...facts }) => facts),
    );
    expect(decoded.options.map((option) => [option.name, option.values.map((value) => value.value)])).toEqual([
      ["Colour", ["Olive", "Sand"]],
      ["Size", ["US 8", "US 9"]],
    ]);
    expect(decoded.images.map(({ optionValueId: _id, ...image }) => image)).toEqual(
      images.map(({ optionValueId: _id, ...image }) => image),
    );
  });

  it("keeps which values each variant combines, and which colour each image shows", () => {
    const [colour, size] = decoded.options;
    const pick = (c: number, s: number) =>
      findVariant(decoded.options, decoded.variants, {
        [colour!.id]: colour!.values[c]!.id,
        [size!.id]: size!.values[s]!.id,
      });
    expect(pick(0, 0)?.id).toBe("v-olive-8");
    expect(pick(0, 1)?.id).toBe("v-olive-9");
    expect(pick(1, 0)?.id).toBe("v-sand-8");
    expect(pick(1, 1), "Sand / US 9 is not made").toBeUndefined();
    expect(galleryIndexForVariant(decoded.images, decoded.variants[2])).toBe(1);
    expect(galleryIndexForVariant(decoded.images, decoded.variants[0])).toBe(0);
    expect(decoded.images[2]!.optionValueId).toBeNull();
  });

  it("sends shared beginnings once, and a title only when the option values do not spell it", () => {
    expect(encoded.skuStem).toBe("GRT-BOT-0113-");
    expect(encoded.imageStem).toBe("/media/products/chukka-");
    expect(encoded.variants.map((row) => row[1])).toEqual(["OLI-US8", "OLI-US9", "SAN-US8"]);
    expect(encoded.variants.map((row) => row[6])).toEqual([undefined, undefined, { title: "Sand (limited) / US 8" }]);
    const json = JSON.stringify(encoded);
    for (const id of ["opt-colour", "opt-size", "val-olive", "val-sand", "val-8", "val-9"]) {
      expect(json, "option and value ids stay on the server").not.toContain(id);
    }
  });

  it("handles a product without options and a variant in another currency", () => {
    const single = decodeProductChoices(
      encodeProductChoices({
        currency: "USD",
        options: [],
        variants: [{ ...variant("only", "val-olive", "val-8"), title: "Default", currency: "EUR", optionValues: {} }],
        images: [],
      }),
    );
    expect(single.variants[0]).toMatchObject({ id: "only", title: "Default", currency: "EUR", optionValues: {} });
    expect(single.variants[0]!.sku).toBe("GRT-BOT-0113-OLI-US8");
  });
});

describe("productJsonLd", () => {
  it("has one offer per variant with its exact price and snapshot availability", () => {
    const decoded = decodeProductChoices(encodeProductChoices(product));
    const ld = productJsonLd(
      {
        origin: "https://shop.example",
        name: "Chukka",
        path: "/products/chukka",
        description: "A boot.",
        brand: "Granite Trail",
        rating: { average: 4.5, count: 2 },
        trail: [],
      },
      decoded,
      { "v-olive-8": 3, "v-olive-9": 0, "v-sand-8": 1 },
    );
    expect(ld).toMatchObject({
      "@type": "Product",
      url: "https://shop.example/products/chukka",
      sku: "GRT-BOT-0113-OLI-US8",
      image: images.map((image) => `https://shop.example${image.url}`),
      brand: { "@type": "Brand", name: "Granite Trail" },
      aggregateRating: { ratingValue: 4.5, reviewCount: 2 },
    });
    expect(ld.offers).toEqual([
      expect.objectContaining({
        sku: "GRT-BOT-0113-OLI-US8",
        price: "172.00",
        availability: "https://schema.org/InStock",
      }),
      expect.objectContaining({
        sku: "GRT-BOT-0113-OLI-US9",
        price: "177.00",
        availability: "https://schema.org/OutOfStock",
      }),
      expect.objectContaining({ sku: "GRT-BOT-0113-SAN-US8", priceCurrency: "USD" }),
    ]);
    // The condition is the same for every offer: stated once, on the Product.
    expect(ld.itemCondition).toBe("https://schema.org/NewCondition");
    for (const offer of ld.offers as Record<string, unknown>[]) expect(offer).not.toHaveProperty("itemCondition");
  });
});

describe("breadcrumbListJsonLd", () => {
  it("makes each crumb's URL absolute on the origin it is given (a client component has no SITE_URL)", () => {
    const ld = breadcrumbListJsonLd(
      [
        { name: "Home", path: "/" },
        { name: "Boots", path: "/category/boots" },
        { name: "Chukka", path: "/products/chukka" },
      ],
      "https://shop.example",
    );
    expect(ld.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Home", item: "https://shop.example/" },
      { "@type": "ListItem", position: 2, name: "Boots", item: "https://shop.example/category/boots" },
      { "@type": "ListItem", position: 3, name: "Chukka", item: "https://shop.example/products/chukka" },
    ]);
  });
});
