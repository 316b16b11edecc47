// A product page's options, variants and images as its client parts (variant picker, price, gallery,
// JSON-LD) receive them. Everything a client component gets is serialised into the RSC payload, which the
// HTML carries inline, so this shape is compact: option values as indexes instead of repeated ids, SKUs and
// image URLs as the rest after a shared beginning, no variant title when the option values spell it. The
// page encodes once on the server and passes the same object to every client part (React sends an object
// passed twice once). Pure and client-safe.
import type { GalleryImage, ProductDetail, ProductOptionData, VariantData } from "./types";

/**
 * One variant: id, the rest of its SKU after `skuStem`, price, compare-at price (0: none), low-stock
 * threshold, the index of its value for each option (-1: none), and what the shared fields do not cover.
 */
export type ChoiceRow = [
  id: string,
  skuRest: string,
  priceCents: number,
  compareAtPriceCents: number,
  lowStockThreshold: number,
  values: number[],
  extra?: { title?: string; currency?: string },
];

/** One image: the rest of its URL after `imageStem`, alt text, size, and the [option, value] it shows. */
export type ImageRow = [urlRest: string, alt: string, width: number, height: number, shows: [number, number] | null];

export interface ProductChoices {
  /** Option name and its values' labels, in the merchant's order. */
  options: [name: string, values: string[]][];
  currency: string;
  skuStem: string;
  variants: ChoiceRow[];
  imageStem: string;
  images: ImageRow[];
}

/** What the client parts work with: the catalog's own types, with option and value ids made from indexes. */
export interface DecodedChoices {
  options: ProductOptionData[];
  variants: VariantData[];
  images: GalleryImage[];
}

function commonPrefix(texts: string[]): string {
  if (texts.length < 2) return "";
  let prefix = texts[0]!;
  for (const text of texts) {
    while (!text.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

const optionKey = (optionIndex: number) => String(optionIndex);
const valueKey = (optionIndex: number, valueIndex: number) => `${optionIndex}.${valueIndex}`;
const titleOf = (options: ProductChoices["options"], values: number[]) =>
  values.flatMap((value, option) => (value >= 0 ? [options[option]![1][value]!] : [])).join(" / ") || "Default";

export function encodeProductChoices(product: Pick<ProductDetail, "currency" | "options" | "variants" | "images">) {
  const options: ProductChoices["options"] = product.options.map((option) => [
    option.name,
    option.values.map((value) => value.value),
  ]);
  const indexOfValue = new Map(
    product.options.flatMap((option, o) => option.values.map((value, v) => [value.id, [o, v] as [number, number]])),
  );
  const skuStem = commonPrefix(product.variants.map((variant) => variant.sku));
  const imageStem = commonPrefix(product.images.map((image) => image.url));
  const variants = product.variants.map((variant): ChoiceRow => {
    const values = product.options.map((option) => {
      const valueId = variant.optionValues[option.id];
      return option.values.findIndex((value) => value.id === valueId);
    });
    const extra: NonNullable<ChoiceRow[6]> = {};
    if (variant.title !== titleOf(options, values)) extra.title = variant.title;
    if (variant.currency !== product.currency) extra.currency = variant.currency;
    const row: ChoiceRow = [
      variant.id,
      variant.sku.slice(skuStem.length),
      variant.priceCents,
      variant.compareAtPriceCents ?? 0,
      variant.lowStockThreshold,
      values,
    ];
    if (Object.keys(extra).length > 0) row.push(extra);
    return row;
  });
  const images = product.images.map((image): ImageRow => [
    image.url.slice(imageStem.length),
    image.alt,
    image.width,
    image.height,
    image.optionValueId ? (indexOfValue.get(image.optionValueId) ?? null) : null,
  ]);
  return { options, currency: product.currency, skuStem, variants, imageStem, images } satisfies ProductChoices;
}

export function decodeProductChoices(choices: ProductChoices): DecodedChoices {
  const options = choices.options.map(([name, values], o) => ({
    id: optionKey(o),
    name,
    values: values.map((value, v) => ({ id: valueKey(o, v), value })),
  }));
  const variants = choices.variants.map(
    ([id, skuRest, priceCents, compareAtPriceCents, lowStockThreshold, values, extra]): VariantData => ({
      id,
      sku: choices.skuStem + skuRest,
      title: extra?.title ?? titleOf(choices.options, values),
      priceCents,
      compareAtPriceCents: compareAtPriceCents > 0 ? compareAtPriceCents : null,
      currency: extra?.currency ?? choices.currency,
      lowStockThreshold,
      optionValues: Object.fromEntries(
        values.flatMap((value, o) => (value >= 0 ? [[optionKey(o), valueKey(o, value)]] : [])),
      ),
    }),
  );
  const images = choices.images.map(([urlRest, alt, width, height, shows]): GalleryImage => ({
    url: choices.imageStem + urlRest,
    alt,
    width,
    height,
    optionValueId: shows ? valueKey(shows[0], shows[1]) : null,
  }));
  return { options, variants, images };
}
