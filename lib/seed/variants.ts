// Options and the variant matrix of one product: which colours and sizes it comes in, the SKU, price and
// weight of every combination. Shared by the demo catalog and the synthetic benchmark catalog.
import {
  APPAREL_SIZES,
  CAPACITIES,
  COLOURS,
  CUSHION_SIZES,
  PREMIUM_COLOURS,
  SHOE_SIZES,
  WAIST_SIZES,
  type ColourDef,
  type LeafCategoryDef,
} from "./catalog-data";
import type { Random } from "@/lib/seeded-random";

export type OptionName = "Colour" | "Size";

export interface PlannedOption {
  name: OptionName;
  values: string[];
}

export interface PlannedVariant {
  sku: string;
  /** "Navy / M", "Navy", "M" or "Default" (a product without options). */
  title: string;
  priceCents: number;
  compareAtPriceCents: number | null;
  weightGrams: number;
  lowStockThreshold: number;
  position: number;
  optionValues: Partial<Record<OptionName, string>>;
}

export interface VariantPlan {
  options: PlannedOption[];
  variants: PlannedVariant[];
  /** Colours pictured: the Colour option's values, or the one colour of a product without that option. */
  colours: ColourDef[];
}

export interface VariantPlanInput {
  leaf: LeafCategoryDef;
  /** SKU prefix naming brand, category and product, e.g. "NWS-TEE-0001". */
  skuStem: string;
  basePriceCents: number;
  baseWeightGrams: number;
  /** Multiplier for the "was" price of a product on sale (e.g. 1.3), or null when not on sale. */
  saleMarkup: number | null;
  lowStockThreshold: number;
  maxColours: number;
  /** At most this many sizes (the synthetic catalog keeps products smaller); default: the category's run. */
  maxSizes?: number;
  /** Whether this product may be sold without options (the category's noOptionsShare decides how often). */
  allowNoOptions: boolean;
}

interface SizeChoice {
  value: string;
  code: string;
  upchargeCents: number;
  extraWeightGrams: number;
}

const COLOURS_BY_NAME = new Map(COLOURS.map((colour) => [colour.name, colour]));

export function colourByName(name: string): ColourDef {
  const colour = COLOURS_BY_NAME.get(name);
  if (!colour) throw new Error(`Unknown colour ${name}`);
  return colour;
}

/** A contiguous run of `length` entries starting somewhere that fits (sizes are offered in ranges). */
function contiguousRun<T>(random: Random, items: readonly T[], minLength: number, maxLength: number): T[] {
  const length = Math.min(items.length, random.int(minLength, maxLength));
  const start = random.int(0, items.length - length);
  return items.slice(start, start + length);
}

function chooseSizes(leaf: LeafCategoryDef, random: Random): SizeChoice[] {
  switch (leaf.sizePlan) {
    case "apparel": {
      // Plus sizes cost a little more on some products (more fabric); XXL always does.
      const xlCostsMore = random.chance(0.4);
      return contiguousRun(random, APPAREL_SIZES, 4, 6).map((value, index) => ({
        value,
        code: value,
        upchargeCents: value === "XXL" ? 200 : value === "XL" && xlCostsMore ? 200 : 0,
        extraWeightGrams: index * 15,
      }));
    }
    case "waist":
      return contiguousRun(random, WAIST_SIZES, 4, 6).map((value, index) => ({
        value,
        code: `W${value}`,
        upchargeCents: 0,
        extraWeightGrams: index * 20,
      }));
    case "shoe":
      return contiguousRun(random, SHOE_SIZES, 5, 9).map((value, index) => ({
        value: `US ${value}`,
        code: `US${value.replace(".", "")}`,
        upchargeCents: 0,
        extraWeightGrams: index * 25,
      }));
    case "capacity":
      return CAPACITIES.slice(0, random.int(2, 3)).map((capacity, index) => ({
        value: capacity.value,
        code: capacity.code,
        upchargeCents: capacity.upchargeCents,
        extraWeightGrams: index * 110,
      }));
    case "cushion":
      return CUSHION_SIZES.slice(0, random.int(2, 3)).map((size, index) => ({
        value: size.value,
        code: size.code,
        upchargeCents: size.upchargeCents,
        extraWeightGrams: index * 220,
      }));
    case "none":
      return [];
  }
}

/** A shop prints "was" prices in whole dollars, always above the current price. */
function compareAtPrice(priceCents: number, markup: number | null): number | null {
  if (markup === null) return null;
  return Math.max(Math.ceil((priceCents * markup) / 100) * 100, priceCents + 100);
}

export function planVariants(input: VariantPlanInput, random: Random): VariantPlan {
  const { leaf } = input;
  const palette = leaf.colours.map(colourByName);

  if (input.allowNoOptions && random.chance(leaf.noOptionsShare)) {
    const colour = random.pick(palette);
    return {
      options: [],
      colours: [colour],
      variants: [
        {
          sku: input.skuStem,
          title: "Default",
          priceCents: input.basePriceCents,
          compareAtPriceCents: compareAtPrice(input.basePriceCents, input.saleMarkup),
          weightGrams: input.baseWeightGrams,
          lowStockThreshold: input.lowStockThreshold,
          position: 0,
          optionValues: {},
        },
      ],
    };
  }

  const sizes = chooseSizes(leaf, random).slice(0, input.maxSizes ?? Number.POSITIVE_INFINITY);
  // Most products come in two or three colours; a size-less product always offers a colour choice.
  const wanted = random.weighted([
    [1, sizes.length > 0 ? 2 : 0],
    [2, 4],
    [3, 4],
    [4, 2],
  ] as const);
  const colours = random.sample(palette, Math.min(wanted, input.maxColours, palette.length));
  const colourIsOption = colours.length > 1;
  const premiumUpcharge = leaf.group === "home" ? 1000 : 500;

  const options: PlannedOption[] = [];
  if (colourIsOption) options.push({ name: "Colour", values: colours.map((colour) => colour.name) });
  if (sizes.length > 0) options.push({ name: "Size", values: sizes.map((size) => size.value) });

  const combinations: { colour: ColourDef; size: SizeChoice | null }[] = [];
  for (const colour of colours) {
    for (const size of sizes.length > 0 ? sizes : [null]) combinations.push({ colour, size });
  }
  // Some colour/size combinations are simply not made (the picker shows them as unavailable); never the
  // first one, which is the product's default variant.
  if (colourIsOption && sizes.length > 0 && combinations.length >= 6 && random.chance(0.2)) {
    const drop = random.sample(combinations.slice(1), random.int(1, 2));
    for (const combination of drop) combinations.splice(combinations.indexOf(combination), 1);
  }

  const variants = combinations.map(({ colour, size }, position): PlannedVariant => {
    const premium = colourIsOption && PREMIUM_COLOURS.has(colour.name) ? premiumUpcharge : 0;
    const priceCents = input.basePriceCents + (size?.upchargeCents ?? 0) + premium;
    const optionValues: PlannedVariant["optionValues"] = {};
    if (colourIsOption) optionValues.Colour = colour.name;
    if (size) optionValues.Size = size.value;
    const titleParts = [optionValues.Colour, optionValues.Size].filter((part): part is string => Boolean(part));
    return {
      sku: [input.skuStem, colourIsOption ? colour.code : null, size?.code ?? null].filter(Boolean).join("-"),
      title: titleParts.length > 0 ? titleParts.join(" / ") : "Default",
      priceCents,
      compareAtPriceCents: compareAtPrice(priceCents, input.saleMarkup),
      weightGrams: input.baseWeightGrams + (size?.extraWeightGrams ?? 0),
      lowStockThreshold: input.lowStockThreshold,
      position,
      optionValues,
    };
  });
  return { options, variants, colours };
}

/** Shop-like price endings: mostly whole dollars, some .95 and a few .50. */
export function retailPriceCents(random: Random, dollars: number): number {
  const ending = random.weighted([
    [0, 6],
    [5, 3],
    [50, 1],
  ] as const);
  return dollars * 100 - ending;
}
