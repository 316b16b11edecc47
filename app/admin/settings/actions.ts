"use server";
// The store settings (/admin/settings/...), administrators only. Thin: the kit authorizes and parses each
// form with zod; lib/settings/ writes with an audit entry (and queues search reindexing); after the commit
// the storefront's cached pages that show the change are expired and the admin page is refreshed.
import { defineAction } from "@/lib/actions/define-action";
import { saved } from "@/lib/actions/saved";
import { expireCatalogTags } from "@/lib/catalog/admin/revalidate";
import { TAGS } from "@/lib/catalog/tags";
import { prisma } from "@/lib/db";
import {
  createBrand,
  createBrandInput,
  deleteBrand,
  deleteBrandInput,
  updateBrand,
  updateBrandInput,
} from "@/lib/settings/brands";
import { revalidateStoreSettings } from "@/lib/settings/cache";
import {
  createCategory,
  createCategoryInput,
  deleteCategory,
  deleteCategoryInput,
  moveCategory,
  moveCategoryInput,
  reorderCategory,
  reorderCategoryInput,
  updateCategory,
  updateCategoryInput,
  type CategoryChange,
} from "@/lib/settings/categories";
import {
  deleteShippingRate,
  deleteShippingRateInput,
  saveShippingRate,
  saveShippingRateInput,
} from "@/lib/settings/shipping-rates";
import { storeSettingsInput, updateStoreSettings } from "@/lib/settings/store-settings";
import { deleteTaxRate, deleteTaxRateInput, saveTaxRate, saveTaxRateInput } from "@/lib/settings/tax-rates";

export const updateStoreSettingsAction = defineAction(
  { role: "admin", input: storeSettingsInput, echo: true },
  async ({ input, user }) => {
    await updateStoreSettings(prisma, user, input);
    revalidateStoreSettings();
    return saved({});
  },
);

/** The tree (navigation everywhere), listings, and the pages of the categories the change touched. */
function categoryChanged(change: CategoryChange) {
  expireCatalogTags([TAGS.categories, TAGS.products, ...change.slugs.map((slug) => TAGS.category(slug))]);
  return saved({});
}

export const createCategoryAction = defineAction(
  { role: "admin", input: createCategoryInput, echo: true },
  async ({ input, user }) => categoryChanged(await createCategory(prisma, user, input)),
);

export const updateCategoryAction = defineAction(
  { role: "admin", input: updateCategoryInput, echo: true },
  async ({ input, user }) => categoryChanged(await updateCategory(prisma, user, input)),
);

export const moveCategoryAction = defineAction(
  { role: "admin", input: moveCategoryInput, echo: true },
  async ({ input, user }) => categoryChanged(await moveCategory(prisma, user, input)),
);

export const reorderCategoryAction = defineAction(
  { role: "admin", input: reorderCategoryInput },
  async ({ input, user }) => categoryChanged(await reorderCategory(prisma, user, input)),
);

export const deleteCategoryAction = defineAction(
  { role: "admin", input: deleteCategoryInput },
  async ({ input, user }) => categoryChanged(await deleteCategory(prisma, user, input)),
);

export const createBrandAction = defineAction(
  { role: "admin", input: createBrandInput, echo: true },
  async ({ input, user }) => {
    await createBrand(prisma, user, input);
    return saved({});
  },
);

export const updateBrandAction = defineAction(
  { role: "admin", input: updateBrandInput, echo: true },
  async ({ input, user }) => {
    const { productSlugs } = await updateBrand(prisma, user, input);
    // Product pages and cards show the brand's name.
    expireCatalogTags([TAGS.products, ...productSlugs.map((slug) => TAGS.product(slug))]);
    return saved({});
  },
);

export const deleteBrandAction = defineAction({ role: "admin", input: deleteBrandInput }, async ({ input, user }) => {
  await deleteBrand(prisma, user, input);
  return saved({});
});

// Shipping and tax rates are never cached: checkout reads them in its transaction.
export const saveShippingRateAction = defineAction(
  { role: "admin", input: saveShippingRateInput, echo: true },
  async ({ input, user }) => {
    await saveShippingRate(prisma, user, input);
    return saved({});
  },
);

export const deleteShippingRateAction = defineAction(
  { role: "admin", input: deleteShippingRateInput },
  async ({ input, user }) => {
    await deleteShippingRate(prisma, user, input);
    return saved({});
  },
);

export const saveTaxRateAction = defineAction(
  { role: "admin", input: saveTaxRateInput, echo: true },
  async ({ input, user }) => {
    await saveTaxRate(prisma, user, input);
    return saved({});
  },
);

export const deleteTaxRateAction = defineAction(
  { role: "admin", input: deleteTaxRateInput },
  async ({ input, user }) => {
    await deleteTaxRate(prisma, user, input);
    return saved({});
  },
);
