// One generated product's words and variants: its title, its description and its options, prices and
// weights, drawn from the category's vocabulary. Shared by the demo catalog (./generate.ts) and the
// synthetic one (./synthetic.ts), which differ only in the product's shape.
import { CLOSING_PARAGRAPHS, MODEL_NAMES, type BrandDef, type ColourDef, type LeafCategoryDef } from "./catalog-data";
import type { Random } from "@/lib/seeded-random";
import { fillTemplate, listSentence } from "./text";
import { planVariants, retailPriceCents } from "./variants";

/** "Ridge Heavyweight Pocket Tee": a model name, a material and what it is. */
export function productTitle(random: Random, leaf: LeafCategoryDef): { title: string; material: string; noun: string } {
  const material = random.pick(leaf.materials);
  const noun = random.pick(leaf.nouns);
  return { title: `${random.pick(MODEL_NAMES)} ${material} ${noun}`, material, noun };
}

export function productDescription(
  random: Random,
  leaf: LeafCategoryDef,
  words: { title: string; material: string; noun: string; brand: string },
  colours: readonly ColourDef[],
): { description: string; intro: string } {
  const values = { ...words, material: words.material.toLowerCase(), noun: words.noun.toLowerCase() };
  const intro = fillTemplate(random.pick(leaf.intros), values);
  const features = random.sample(leaf.features, random.int(3, 4));
  const availability =
    colours.length > 1 ? `Available in ${listSentence(colours.map((colour) => colour.name.toLowerCase()))}.` : "";
  const description = [
    intro,
    [...features, availability].filter(Boolean).join(" "),
    random.pick(CLOSING_PARAGRAPHS[leaf.group]),
  ].join("\n\n");
  return { description, intro };
}

/**
 * The variants (price, weight, sale, options) and the description of one generated product, for the demo
 * catalog and the synthetic one; `shape` is what differs between them. It draws from `random` in one fixed
 * order, so a seed always gives the same catalog.
 */
export function planProductBody(
  random: Random,
  leaf: LeafCategoryDef,
  brand: BrandDef,
  words: { title: string; material: string; noun: string },
  shape: { skuStem: string; onSale: boolean; lowStockThreshold: () => number; maxColours: number; maxSizes?: number },
) {
  const plan = planVariants(
    {
      leaf,
      skuStem: shape.skuStem,
      basePriceCents: retailPriceCents(random, random.int(leaf.priceDollars[0], leaf.priceDollars[1])),
      baseWeightGrams: random.int(leaf.weightGrams[0], leaf.weightGrams[1]),
      saleMarkup: shape.onSale ? 1.2 + random.next() * 0.25 : null,
      lowStockThreshold: shape.lowStockThreshold(),
      maxColours: shape.maxColours,
      maxSizes: shape.maxSizes,
      allowNoOptions: true,
    },
    random,
  );
  const colourIsOption = plan.options.some((option) => option.name === "Colour");
  const colours = colourIsOption ? plan.colours : [];
  return { plan, colourIsOption, ...productDescription(random, leaf, { ...words, brand: brand.name }, colours) };
}
