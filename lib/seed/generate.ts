// Builds the demo store as plain data, deterministically: the same seed gives the same categories,
// products, variants, stock and reviews on every machine (dates are offsets from `now`, so the store
// never looks stale). No database and no files here; demo.ts turns the plan into rows and images.
import {
  BRANDS,
  CATEGORY_TREE,
  REVIEWER_FIRST_NAMES,
  REVIEWER_LAST_INITIALS,
  REVIEW_TEXT,
  type BrandDef,
  type ColourDef,
  type LeafCategoryDef,
} from "./catalog-data";
import { createRandom, type Random } from "@/lib/seeded-random";
import { LOCATION_CODES, type LocationCode } from "./store-config";
import { slugify } from "@/lib/text";
import { fillTemplate, truncateWords } from "./text";
import type { PlannedOption, PlannedVariant } from "./variants";
import { planProductBody, productTitle } from "./product-body";
import type { ArtView } from "@/lib/media/product-art";
import type { Silhouette } from "@/lib/media/silhouettes";

export const DEMO_SEED = "storefront-demo-v1";
export const PRODUCTS_PER_CATEGORY = 20;
export const DEMO_CURRENCY = "USD";
const DAY_MS = 24 * 60 * 60 * 1000;

export type PlannedStatus = "DRAFT" | "ACTIVE" | "ARCHIVED";
export type Stock = Record<LocationCode, number>;

export interface PlannedCategory {
  slug: string;
  name: string;
  description: string;
  parentSlug: string | null;
  position: number;
}

export interface PlannedReview {
  authorName: string;
  rating: number;
  title: string;
  body: string;
  verified: boolean;
  createdAt: Date;
}

export interface PlannedImage {
  colour: ColourDef;
  view: ArtView;
  alt: string;
  /** The Colour option value this picture shows, when colour is an option of the product. */
  optionColour: string | null;
}

export interface PlannedProduct {
  slug: string;
  title: string;
  description: string;
  brand: BrandDef;
  categorySlug: string;
  silhouette: Silhouette;
  status: PlannedStatus;
  featured: boolean;
  tags: string[];
  audience: LeafCategoryDef["audience"];
  seoTitle: string;
  seoDescription: string;
  options: PlannedOption[];
  variants: (PlannedVariant & { stock: Stock })[];
  reviews: PlannedReview[];
  images: PlannedImage[];
  createdAt: Date;
  publishedAt: Date | null;
}

export interface DemoCatalogPlan {
  categories: PlannedCategory[];
  brands: readonly BrandDef[];
  products: PlannedProduct[];
}

export const LEAF_CATEGORIES: readonly LeafCategoryDef[] = CATEGORY_TREE.flatMap((top) => top.children);

/** The category tree as rows, parents before children. */
export function planCategories(): PlannedCategory[] {
  return CATEGORY_TREE.flatMap((top, topIndex) => [
    { slug: top.slug, name: top.name, description: top.description, parentSlug: null, position: topIndex },
    ...top.children.map((child, childIndex) => ({
      slug: child.slug,
      name: child.name,
      description: child.description,
      parentSlug: top.slug,
      position: childIndex,
    })),
  ]);
}

export function brandBySlug(slug: string): BrandDef {
  const brand = BRANDS.find((candidate) => candidate.slug === slug);
  if (!brand) throw new Error(`Unknown brand ${slug}`);
  return brand;
}

/** Stock of one variant in both warehouses: mostly healthy, some low, some sold out or in one place. */
export function plannedStock(random: Random): Stock {
  const roll = random.next();
  if (roll < 0.06) return { "WH-EAST": 0, "WH-WEST": 0 };
  if (roll < 0.14) {
    const total = random.int(1, 3);
    const east = random.chance(0.7) ? total : random.int(0, total);
    return { "WH-EAST": east, "WH-WEST": total - east };
  }
  if (roll < 0.26) {
    return random.chance(0.6)
      ? { "WH-EAST": random.int(4, 40), "WH-WEST": 0 }
      : { "WH-EAST": 0, "WH-WEST": random.int(4, 30) };
  }
  return { "WH-EAST": random.int(6, 80), "WH-WEST": random.int(1, 45) };
}

export function totalStock(stock: Stock): number {
  return LOCATION_CODES.reduce((sum, code) => sum + stock[code], 0);
}

function reviewBucket(rating: number): keyof typeof REVIEW_TEXT {
  return rating >= 5 ? "great" : rating === 4 ? "good" : rating === 3 ? "mixed" : "poor";
}

export function planReviews(
  random: Random,
  leaf: LeafCategoryDef,
  variants: readonly PlannedVariant[],
  window: { from: Date; to: Date },
  maxCount = 12,
): PlannedReview[] {
  if (random.chance(0.12)) return [];
  const count = Math.min(
    maxCount,
    random.weighted([
      [1, 3],
      [2, 4],
      [3, 4],
      [4, 4],
      [5, 3],
      [6, 3],
      [7, 2],
      [8, 2],
      [9, 1],
      [10, 1],
      [11, 1],
      [12, 1],
    ] as const),
  );
  // Some products are better loved than others; ratings stay skewed positive either way.
  const quality = random.next();
  const span = Math.max(1, window.to.getTime() - window.from.getTime());
  const reviews: PlannedReview[] = [];
  for (let i = 0; i < count; i++) {
    const rating = random.weighted([
      [5, 30 + 35 * quality],
      [4, 30],
      [3, 12 - 6 * quality],
      [2, 6 - 4 * quality],
      [1, 5 - 4 * quality],
    ] as const);
    const text = REVIEW_TEXT[reviewBucket(rating)];
    const variant = random.pick(variants);
    const bought =
      variant.title !== "Default" && random.chance(0.5)
        ? ` I went with ${variant.title.replace(" / ", ", size ")}.`
        : "";
    reviews.push({
      authorName: `${random.pick(REVIEWER_FIRST_NAMES)} ${random.pick([...REVIEWER_LAST_INITIALS])}.`,
      rating,
      title: fillTemplate(random.pick(text.titles), { noun: leaf.reviewNoun }),
      body: fillTemplate(random.pick(text.bodies), { noun: leaf.reviewNoun }) + bought,
      verified: random.chance(0.75),
      createdAt: new Date(window.from.getTime() + Math.floor(random.next() * span)),
    });
  }
  return reviews.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** Denormalised product fields, computed the way the catalog maintains them. */
export function productSummary(product: {
  variants: readonly { priceCents: number }[];
  reviews: readonly { rating: number }[];
}) {
  const prices = product.variants.map((variant) => variant.priceCents);
  const ratingSum = product.reviews.reduce((sum, review) => sum + review.rating, 0);
  return {
    priceMinCents: prices.length > 0 ? Math.min(...prices) : 0,
    priceMaxCents: prices.length > 0 ? Math.max(...prices) : 0,
    reviewCount: product.reviews.length,
    // Two decimals are all a star rating shows; the integers live in Review rows.
    ratingAverage: product.reviews.length > 0 ? Math.round((ratingSum / product.reviews.length) * 100) / 100 : 0,
  };
}

function planImages(
  random: Random,
  title: string,
  colours: readonly ColourDef[],
  colourIsOption: boolean,
): PlannedImage[] {
  const main = colours[0];
  if (!main) throw new Error(`${title} has no colour to draw`);
  // A product sold in colours gets a front view of each, tagged with its Colour value, so the gallery can
  // follow the shopper's pick; one without the option is pictured in its single colour, untagged.
  const picture = (colour: ColourDef, view: ArtView, suffix = ""): PlannedImage =>
    colourIsOption
      ? { colour, view, alt: `${title} in ${colour.name}${suffix}`, optionColour: colour.name }
      : { colour, view, alt: `${title}${suffix}`, optionColour: null };
  const fronts = (colourIsOption ? colours : [main]).map((colour) => picture(colour, "front"));
  const images: PlannedImage[] = [...fronts, picture(main, "detail", ", close-up")];
  // The chance is drawn exactly when it always was (fewer than three pictures of the first two colours),
  // so adding fronts for more colours leaves the rest of the deterministic catalog unchanged.
  if (Math.min(fronts.length, 2) + 1 < 3 && random.chance(0.5)) images.push(picture(main, "angle", ", angled view"));
  return images;
}

interface DraftProduct extends Omit<
  PlannedProduct,
  "status" | "featured" | "reviews" | "createdAt" | "publishedAt" | "variants"
> {
  leaf: LeafCategoryDef;
  variants: PlannedVariant[];
  random: Random;
}

function draftProduct(leaf: LeafCategoryDef, sequence: number, random: Random, usedSlugs: Set<string>): DraftProduct {
  const brand = brandBySlug(random.pick(leaf.brands));
  let words = productTitle(random, leaf);
  for (let attempt = 0; usedSlugs.has(slugify(words.title)); attempt++) {
    if (attempt > 500) throw new Error(`No unique title left for ${leaf.slug}`);
    words = productTitle(random, leaf);
  }
  const slug = slugify(words.title);
  usedSlugs.add(slug);

  const onSale = random.chance(0.16);
  const { plan, colourIsOption, description, intro } = planProductBody(random, leaf, brand, words, {
    skuStem: `${brand.code}-${leaf.skuCode}-${String(sequence).padStart(4, "0")}`,
    onSale,
    lowStockThreshold: () =>
      random.weighted([
        [5, 7],
        [3, 2],
        [10, 1],
      ] as const),
    maxColours: 4,
  });
  const tags = [...new Set([...leaf.tags, slugify(words.material), ...(onSale ? ["sale"] : [])])];
  return {
    slug,
    title: words.title,
    description,
    brand,
    categorySlug: leaf.slug,
    silhouette: leaf.silhouette,
    tags,
    audience: leaf.audience,
    seoTitle: truncateWords(`${words.title} | ${brand.name}`, 70),
    seoDescription: truncateWords(intro, 155),
    options: plan.options,
    variants: plan.variants,
    images: planImages(random, words.title, plan.colours, colourIsOption),
    leaf,
    random,
  };
}

export function generateDemoCatalog(options: { seed?: string; now?: Date } = {}): DemoCatalogPlan {
  const now = options.now ?? new Date();
  const root = createRandom(options.seed ?? DEMO_SEED);
  const usedSlugs = new Set<string>();
  const drafts: DraftProduct[] = [];
  let sequence = 0;
  for (const leaf of LEAF_CATEGORIES) {
    for (let i = 0; i < PRODUCTS_PER_CATEGORY; i++) {
      sequence += 1;
      drafts.push(draftProduct(leaf, sequence, root.fork(`product:${sequence}`), usedSlugs));
    }
  }

  // A few drafts and archived products (the storefront must never show them) and a few published
  // products sold out entirely, in every variant and warehouse.
  const order = root.fork("status").shuffle(drafts.map((_, index) => index));
  const draftIndexes = new Set(order.slice(0, 5));
  const archivedIndexes = new Set(order.slice(5, 9));
  const soldOutIndexes = new Set(order.slice(9, 12));

  const products = drafts.map((draft, index): PlannedProduct => {
    const status: PlannedStatus = draftIndexes.has(index)
      ? "DRAFT"
      : archivedIndexes.has(index)
        ? "ARCHIVED"
        : "ACTIVE";
    const random = draft.random.fork("lifecycle");
    // Published over the last ten months, a quarter of them in the last month: "newest" means something.
    const publishedDaysAgo =
      status === "DRAFT"
        ? null
        : status === "ARCHIVED"
          ? random.int(300, 500)
          : random.chance(0.25)
            ? random.int(1, 30)
            : random.int(31, 300);
    const publishedAt =
      publishedDaysAgo === null
        ? null
        : new Date(now.getTime() - publishedDaysAgo * DAY_MS - random.int(0, DAY_MS - 1));
    const createdAt = new Date((publishedAt ?? now).getTime() - random.int(1, 20) * DAY_MS - random.int(0, DAY_MS - 1));
    const variants = draft.variants.map((variant) => ({
      ...variant,
      stock: soldOutIndexes.has(index) ? { "WH-EAST": 0, "WH-WEST": 0 } : plannedStock(random),
    }));
    const reviews = publishedAt ? planReviews(random, draft.leaf, variants, { from: publishedAt, to: now }) : [];
    const tags =
      publishedDaysAgo !== null && publishedDaysAgo <= 30 && status === "ACTIVE" ? [...draft.tags, "new"] : draft.tags;
    const { leaf: _leaf, random: _random, ...rest } = draft;
    return { ...rest, tags, status, featured: false, variants, reviews, createdAt, publishedAt };
  });

  // About ten featured products: active, mostly in stock, well reviewed, from different categories.
  const candidates = root
    .fork("featured")
    .shuffle(products)
    .filter(
      (product) =>
        product.status === "ACTIVE" &&
        product.variants.filter((variant) => totalStock(variant.stock) > 5).length * 2 >= product.variants.length &&
        productSummary(product).ratingAverage >= 4,
    );
  const featuredCategories = new Set<string>();
  for (const product of candidates) {
    if (featuredCategories.size >= 10) break;
    if (featuredCategories.has(product.categorySlug)) continue;
    featuredCategories.add(product.categorySlug);
    product.featured = true;
  }

  return { categories: planCategories(), brands: BRANDS, products };
}
