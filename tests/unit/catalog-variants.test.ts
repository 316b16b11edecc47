import { describe, expect, it } from "vitest";
import { stockStatus } from "@/lib/catalog/stock";
import type { GalleryImage, ProductOptionData, VariantData } from "@/lib/catalog/types";
import {
  buildOptionViews,
  defaultVariant,
  findVariant,
  galleryIndexForVariant,
  resolveVariant,
  variantForValue,
  type AvailabilityMap,
} from "@/lib/catalog/variants";

// Size S/M/L x Colour Red/Blue, where L/Blue does not exist.
const options: ProductOptionData[] = [
  {
    id: "size",
    name: "Size",
    values: [
      { id: "s", value: "S" },
      { id: "m", value: "M" },
      { id: "l", value: "L" },
    ],
  },
  {
    id: "colour",
    name: "Colour",
    values: [
      { id: "red", value: "Red" },
      { id: "blue", value: "Blue" },
    ],
  },
];

function variant(id: string, size: string, colour: string): VariantData {
  return {
    id,
    sku: id.toUpperCase(),
    title: `${size} / ${colour}`,
    priceCents: 2000,
    compareAtPriceCents: null,
    currency: "USD",
    lowStockThreshold: 5,
    optionValues: { size, colour },
  };
}

const variants = [
  variant("s-red", "s", "red"),
  variant("m-red", "m", "red"),
  variant("l-red", "l", "red"),
  variant("s-blue", "s", "blue"),
  variant("m-blue", "m", "blue"),
];

const availability: AvailabilityMap = { "s-red": 0, "m-red": 3, "l-red": 9, "s-blue": 1, "m-blue": 0 };

const byId = (id: string) => variants.find((v) => v.id === id);

describe("findVariant", () => {
  it.each([
    ["s", "red", "s-red"],
    ["m", "blue", "m-blue"],
    ["l", "blue", undefined],
  ])("%s/%s -> %s", (size, colour, expected) => {
    expect(findVariant(options, variants, { size, colour })?.id).toBe(expected);
  });
});

describe("option matrix", () => {
  // For each selected variant: the state of every value of every option.
  it.each([
    ["s-red", { s: "out-of-stock", m: "available", l: "available", red: "out-of-stock", blue: "available" }],
    ["m-blue", { s: "available", m: "out-of-stock", l: "unavailable", red: "available", blue: "out-of-stock" }],
    ["l-red", { s: "out-of-stock", m: "available", l: "available", red: "available", blue: "unavailable" }],
    ["s-blue", { s: "available", m: "out-of-stock", l: "unavailable", red: "out-of-stock", blue: "available" }],
  ])("selected %s", (selectedId, expected) => {
    const views = buildOptionViews(options, variants, availability, byId(selectedId));
    const states = Object.fromEntries(views.flatMap((o) => o.values.map((v) => [v.id, v.state])));
    expect(states).toEqual(expected);
    const selected = views.flatMap((o) => o.values.filter((v) => v.selected).map((v) => v.id));
    expect(selected).toEqual(Object.values(byId(selectedId)!.optionValues));
  });

  it("points every existing value at its exact variant", () => {
    const views = buildOptionViews(options, variants, availability, byId("s-red"));
    const size = views.find((o) => o.id === "size")!;
    expect(size.values.map((v) => v.targetVariantId)).toEqual(["s-red", "m-red", "l-red"]);
  });

  it("sends an unavailable value to the closest variant that has it", () => {
    // From M/Blue, picking L (no L/Blue) keeps size L and moves colour: L/Red.
    const views = buildOptionViews(options, variants, availability, byId("m-blue"));
    const large = views.find((o) => o.id === "size")!.values.find((v) => v.id === "l")!;
    expect(large.state).toBe("unavailable");
    expect(large.targetVariantId).toBe("l-red");
  });

  it("treats a variant missing from the availability map as out of stock", () => {
    const views = buildOptionViews(options, variants, {}, byId("s-red"));
    expect(views.flatMap((o) => o.values.map((v) => v.state)).every((s) => s === "out-of-stock")).toBe(true);
  });

  it("has nothing to pick for a product without options", () => {
    expect(buildOptionViews([], [variant("only", "", "")], {}, undefined)).toEqual([]);
  });
});

describe("variantForValue", () => {
  it("prefers keeping other choices, then stock", () => {
    // Colour Blue from L/Red: L/Blue is missing; S/Blue (in stock) beats M/Blue (sold out).
    expect(variantForValue(options, variants, availability, byId("l-red"), "colour", "blue")?.id).toBe("s-blue");
  });

  it("returns the exact combination even when it is out of stock", () => {
    expect(variantForValue(options, variants, availability, byId("m-red"), "colour", "blue")?.id).toBe("m-blue");
  });

  it("returns undefined for a value no variant has", () => {
    expect(variantForValue(options, variants, availability, byId("m-red"), "size", "xl")).toBeUndefined();
  });
});

describe("default and requested variant", () => {
  it("defaults to the first variant in stock", () => {
    expect(defaultVariant(variants, availability)?.id).toBe("m-red");
  });

  it("defaults to the first variant when none is in stock", () => {
    expect(defaultVariant(variants, {})?.id).toBe("s-red");
  });

  it.each([
    ["s-blue", "s-blue"],
    // Out of stock but this product's: honoured.
    ["s-red", "s-red"],
    ["another-products-variant", "m-red"],
    [undefined, "m-red"],
  ])("requested %s -> %s", (requested, expected) => {
    expect(resolveVariant(variants, availability, requested)?.id).toBe(expected);
  });

  it("has no variant for a product without variants", () => {
    expect(resolveVariant([], {}, "x")).toBeUndefined();
  });
});

describe("stockStatus", () => {
  it.each([
    [0, 5, "out-of-stock", "Out of stock"],
    [-3, 5, "out-of-stock", "Out of stock"],
    [1, 5, "low-stock", "Only 1 left"],
    [3, 5, "low-stock", "Only 3 left"],
    [5, 5, "low-stock", "Only 5 left"],
    [6, 5, "in-stock", "In stock"],
    [1, 0, "in-stock", "In stock"],
    [100, 5, "in-stock", "In stock"],
  ])("%d available, threshold %d -> %s", (available, threshold, state, label) => {
    expect(stockStatus(available, threshold)).toMatchObject({ state, label });
  });
});

describe("galleryIndexForVariant", () => {
  const image = (url: string, optionValueId: string | null): GalleryImage => ({
    url,
    alt: url,
    width: 800,
    height: 1000,
    optionValueId,
  });
  const images = [
    image("red-front", "red"),
    image("blue-front", "blue"),
    image("detail", null),
    image("blue-2", "blue"),
  ];

  it("leads with the first image of the picked colour, whatever the size", () => {
    expect(galleryIndexForVariant(images, byId("m-blue"))).toBe(1);
    expect(galleryIndexForVariant(images, byId("s-blue"))).toBe(1);
    expect(galleryIndexForVariant(images, byId("l-red"))).toBe(0);
  });

  it("says nothing when no image shows the variant's values, or there is no variant", () => {
    expect(galleryIndexForVariant([image("a", null), image("b", "other")], byId("m-red"))).toBeNull();
    expect(galleryIndexForVariant(images, undefined)).toBeNull();
  });
});
