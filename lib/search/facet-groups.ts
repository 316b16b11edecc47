// Facet distributions from the engine -> the sidebar's groups. Pure, so counts and ordering are unit
// tested. With no distributions (the PostgreSQL fallback) the groups still list what can be chosen,
// without counts.
import { formatMoney, type MoneyStyle } from "@/lib/money";
import { COLOUR_FAMILIES } from "./colour-families";
import {
  AUDIENCE_LABELS,
  AUDIENCES,
  FACET_LABELS,
  parsePriceRange,
  PRICE_BUCKETS,
  RATING_THRESHOLDS,
  type FacetKey,
  type PriceBucket,
} from "./facets";
import type { SearchRequest } from "./params";
import type { FacetGroup, FacetOption } from "./types";
import type { SearchVocabulary } from "./vocabulary";

export type FacetDistributions = Partial<Record<FacetKey, Readonly<Record<string, number>>>>;

/** Values of a long facet (brands) shown at most; selected values always show. */
export const MAX_OPTIONS_SHOWN = 30;

function wholeMoney(cents: number, money: MoneyStyle): string {
  // "$25" rather than "$25.00" for round bucket bounds.
  return formatMoney(cents, money.currency, { display: money.display }).replace(/[.,]00(?=\D*$)/, "");
}

export function priceBucketLabel(bucket: PriceBucket, money: MoneyStyle): string {
  if (bucket.minCents === 0 && bucket.maxCents !== null) return `Under ${wholeMoney(bucket.maxCents, money)}`;
  if (bucket.maxCents === null) return `${wholeMoney(bucket.minCents, money)} and up`;
  return `${wholeMoney(bucket.minCents, money)} – ${wholeMoney(bucket.maxCents, money)}`;
}

function valueOptions(
  distribution: Readonly<Record<string, number>> | undefined,
  selected: readonly string[],
  counted: boolean,
): FacetOption[] {
  const entries = Object.entries(distribution ?? {}).filter(([, count]) => count > 0);
  const options: FacetOption[] = entries
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
    .slice(0, MAX_OPTIONS_SHOWN)
    .map(([value, count]) => ({ value, label: value, count, selected: selected.includes(value), depth: 0 }));
  for (const value of selected) {
    if (!options.some((option) => option.value === value)) {
      options.push({
        value,
        label: value,
        count: counted ? (distribution && Object.hasOwn(distribution, value) ? distribution[value]! : 0) : null,
        selected: true,
        depth: 0,
      });
    }
  }
  return options;
}

export function buildFacetGroups(
  request: SearchRequest,
  distributions: FacetDistributions | null,
  vocabulary: SearchVocabulary,
  money: MoneyStyle,
  options: { hideCategory?: boolean } = {},
): FacetGroup[] {
  const counted = distributions !== null;
  const groups: FacetGroup[] = [];

  if (!options.hideCategory) {
    const distribution = distributions?.category ?? {};
    groups.push({
      key: "category",
      label: FACET_LABELS.category,
      multiple: true,
      options: vocabulary.categories
        .map((category) => ({
          value: category.slug,
          label: category.name,
          count: counted ? (distribution[category.slug] ?? 0) : null,
          selected: request.category.includes(category.slug),
          depth: category.depth,
        }))
        // Uncounted (degraded): top level only, plus whatever is selected.
        .filter((option) => option.selected || (counted ? (option.count ?? 0) > 0 : option.depth === 0)),
    });
  }

  groups.push({
    key: "brand",
    label: FACET_LABELS.brand,
    multiple: true,
    options: valueOptions(distributions?.brand, request.brand, counted),
  });

  const prices = distributions?.price ?? {};
  groups.push({
    key: "price",
    label: FACET_LABELS.price,
    multiple: true,
    options: [
      ...PRICE_BUCKETS.map((bucket) => ({
        value: bucket.key,
        label: priceBucketLabel(bucket, money),
        count: counted ? (prices[bucket.key] ?? 0) : null,
        selected: request.price.includes(bucket.key),
        depth: 0,
      })),
      // A range typed in the query ("under 30") is listed under the buckets, ticked, to untick like them.
      ...request.price
        .filter((value) => !PRICE_BUCKETS.some((bucket) => bucket.key === value))
        .map((value) => parsePriceRange(value))
        .filter((range) => range !== null)
        .map((range) => ({
          value: range.key,
          label: priceBucketLabel(range, money),
          count: null,
          selected: true,
          depth: 0,
        })),
    ],
  });

  // ratingFloor counts -> "n stars & up" counts.
  const floors = Object.entries(distributions?.rating ?? {}).map(([floor, count]) => [Number(floor), count] as const);
  groups.push({
    key: "rating",
    label: FACET_LABELS.rating,
    multiple: false,
    options: RATING_THRESHOLDS.map((threshold) => ({
      value: String(threshold),
      label: threshold === 1 ? "1 star & up" : `${threshold} stars & up`,
      count: counted ? floors.filter(([floor]) => floor >= threshold).reduce((sum, [, count]) => sum + count, 0) : null,
      selected: request.rating === threshold,
      depth: 0,
    })),
  });

  const families = distributions?.colourFamily ?? {};
  groups.push({
    key: "colourFamily",
    label: FACET_LABELS.colourFamily,
    multiple: true,
    // The families in their fixed order (a colour wheel reads better than counts); uncounted, all of them.
    options: COLOUR_FAMILIES.map((family) => ({
      value: family.key,
      label: family.label,
      count: counted ? (families[family.key] ?? 0) : null,
      selected: request.colourFamily.includes(family.key),
      depth: 0,
      swatch: family.hex,
    })).filter((option) => option.selected || !counted || (option.count ?? 0) > 0),
  });
  groups.push({
    key: "colour",
    label: FACET_LABELS.colour,
    multiple: true,
    options: valueOptions(distributions?.colour, request.colour, counted),
  });
  groups.push({
    key: "size",
    label: FACET_LABELS.size,
    multiple: true,
    options: valueOptions(distributions?.size, request.size, counted),
  });
  const audiences = distributions?.audience ?? {};
  groups.push({
    key: "audience",
    label: FACET_LABELS.audience,
    multiple: true,
    options: AUDIENCES.map((audience) => ({
      value: audience,
      label: AUDIENCE_LABELS[audience],
      count: counted ? (audiences[audience] ?? 0) : null,
      selected: request.audience.includes(audience),
      depth: 0,
    })).filter((option) => option.selected || (counted && (option.count ?? 0) > 0)),
  });
  groups.push({
    key: "inStock",
    label: FACET_LABELS.inStock,
    multiple: false,
    options: [
      {
        value: "1",
        label: "In stock only",
        count: counted ? (distributions?.inStock?.["true"] ?? 0) : null,
        selected: request.inStock,
        depth: 0,
      },
    ],
  });
  return groups;
}
