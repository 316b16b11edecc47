// The option/variant matrix: which option values combine into an existing variant, and which of those are
// in stock. Pure and client-safe: the variant picker runs it in the browser on every selection, the
// product page runs it on the server for the first render and the default variant.
import type { GalleryImage, ProductOptionData, VariantData } from "./types";

/** Live availability per variant id; a variant missing from the map counts as 0 (out of stock). */
export type AvailabilityMap = Record<string, number>;

export type OptionValueState = "available" | "out-of-stock" | "unavailable";

export interface OptionValueView {
  id: string;
  value: string;
  selected: boolean;
  /**
   * available: this value with the rest of the current selection is an existing, in-stock variant.
   * out-of-stock: that variant exists but has nothing available.
   * unavailable: no variant combines this value with the rest of the current selection.
   */
  state: OptionValueState;
  /** The variant chosen when this value is picked (see `variantForValue`); null if no variant has it. */
  targetVariantId: string | null;
}

export interface OptionView {
  id: string;
  name: string;
  values: OptionValueView[];
}

export function availableQuantity(availability: AvailabilityMap, variantId: string): number {
  return Math.max(0, availability[variantId] ?? 0);
}

/** The variant whose option values are exactly `selection` (one value per option), if any. */
export function findVariant(
  options: ProductOptionData[],
  variants: VariantData[],
  selection: Record<string, string>,
): VariantData | undefined {
  return variants.find((variant) =>
    options.every((option) => variant.optionValues[option.id] === selection[option.id]),
  );
}

/**
 * The variant shown when the URL names none (or names one that is not this product's): the first
 * variant, in the merchant's order, that can be bought; the first variant when none can.
 */
export function defaultVariant(variants: VariantData[], availability: AvailabilityMap): VariantData | undefined {
  return variants.find((variant) => availableQuantity(availability, variant.id) > 0) ?? variants[0];
}

/** The requested variant when it belongs to this product, otherwise the default variant. */
export function resolveVariant(
  variants: VariantData[],
  availability: AvailabilityMap,
  requestedId: string | undefined,
): VariantData | undefined {
  const requested = requestedId ? variants.find((variant) => variant.id === requestedId) : undefined;
  return requested ?? defaultVariant(variants, availability);
}

/**
 * The variant to switch to when the shopper picks `valueId` for `optionId` while `current` is selected.
 * The exact combination when it exists (even out of stock, so the shopper can see that it is); otherwise
 * the variant with that value that keeps most of the other current choices, preferring one in stock.
 * Picking an "unavailable" value therefore moves the other options instead of leaving the shopper stuck.
 */
export function variantForValue(
  options: ProductOptionData[],
  variants: VariantData[],
  availability: AvailabilityMap,
  current: VariantData | undefined,
  optionId: string,
  valueId: string,
): VariantData | undefined {
  const selection = { ...(current?.optionValues ?? {}), [optionId]: valueId };
  const exact = findVariant(options, variants, selection);
  if (exact) return exact;

  let best: VariantData | undefined;
  let bestScore = -1;
  for (const variant of variants) {
    if (variant.optionValues[optionId] !== valueId) continue;
    const kept = options.filter((o) => o.id !== optionId && variant.optionValues[o.id] === selection[o.id]).length;
    // Keeping the shopper's other choices matters most; stock breaks ties; then the merchant's order.
    const score = kept * 2 + (availableQuantity(availability, variant.id) > 0 ? 1 : 0);
    if (score > bestScore) {
      best = variant;
      bestScore = score;
    }
  }
  return best;
}

/** Every option value with its state relative to the selected variant. */
export function buildOptionViews(
  options: ProductOptionData[],
  variants: VariantData[],
  availability: AvailabilityMap,
  selected: VariantData | undefined,
): OptionView[] {
  const selection = selected?.optionValues ?? {};
  return options.map((option) => ({
    id: option.id,
    name: option.name,
    values: option.values.map((value) => {
      const exact = findVariant(options, variants, { ...selection, [option.id]: value.id });
      const target = exact ?? variantForValue(options, variants, availability, selected, option.id, value.id);
      let state: OptionValueState;
      if (!exact) state = "unavailable";
      else state = availableQuantity(availability, exact.id) > 0 ? "available" : "out-of-stock";
      return {
        id: value.id,
        value: value.value,
        selected: selection[option.id] === value.id,
        state,
        targetVariantId: target?.id ?? null,
      };
    }),
  }));
}

/**
 * Which image the gallery leads with for a variant: the first one tagged with any of its option values
 * (its colour), or null when none is (untagged images show whatever variant is picked).
 */
export function galleryIndexForVariant(
  images: readonly GalleryImage[],
  variant: VariantData | undefined,
): number | null {
  if (!variant) return null;
  const values = new Set(Object.values(variant.optionValues));
  const index = images.findIndex((image) => image.optionValueId !== null && values.has(image.optionValueId));
  return index === -1 ? null : index;
}
