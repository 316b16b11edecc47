"use server";
// Coupon create, edit, enable/disable, and the product picker's search. Thin: authorize first, parse the
// form with zod (field errors keyed by input name), call lib/coupons, refresh the admin page.
// Coupons are read live by checkout (never cached), so there is no storefront tag to revalidate.
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failure, formObject, formStrings, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAdminAction } from "@/lib/auth/guard";
import { searchProductOptions, type ProductOption } from "@/lib/coupons/admin/pickers";
import { createCoupon, setCouponActive, updateCoupon } from "@/lib/coupons/admin/write";
import { couponInputSchema } from "@/lib/coupons/schema";
import { prisma } from "@/lib/db";
import { isUserError } from "@/lib/errors";
import { searchText } from "@/lib/text";

export interface CouponSaved {
  id: string;
  code: string;
  savedAt: number;
}

const idSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The form's fields, with the multi-value ones (checkboxes, picked products) as arrays. */
function couponForm(formData: FormData) {
  const values = formObject(formData);
  return {
    values,
    input: {
      ...values,
      categoryIds: formStrings(formData, "categoryIds"),
      productIds: formStrings(formData, "productIds"),
    },
  };
}

function couponFailure<T>(error: unknown, context: string, values: Record<string, string>): ActionResult<T> {
  // Refusals that belong to a field (code taken, unknown category, limit below redemptions) keep it.
  if (isUserError(error) && error.details?.fieldErrors) {
    return {
      ok: false,
      code: error.code,
      error: error.message,
      fieldErrors: error.details.fieldErrors as Record<string, string>,
      values,
    };
  }
  return failure(error, context, values);
}

export async function createCouponAction(
  _previous: ActionResult<CouponSaved> | null,
  formData: FormData,
): Promise<ActionResult<CouponSaved>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const { values, input } = couponForm(formData);
  const parsed = couponInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, values);
  let created: { id: string };
  try {
    // lib parses the same input again (it is also called by scripts and tests).
    created = await createCoupon(prisma, auth.user, input);
  } catch (error) {
    return couponFailure(error, "admin.coupons.create", values);
  }
  // Outside try/catch: redirect() works by throwing.
  redirect(`/admin/coupons/${encodeURIComponent(created.id)}?created=1`);
}

export async function updateCouponAction(
  _previous: ActionResult<CouponSaved> | null,
  formData: FormData,
): Promise<ActionResult<CouponSaved>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const { values, input } = couponForm(formData);
  const couponId = idSchema.safeParse(values.couponId);
  if (!couponId.success) return { ok: false, code: "coupon_not_found", error: "That coupon does not exist.", values };
  const parsed = couponInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    const saved = await updateCoupon(prisma, auth.user, couponId.data, input);
    refresh();
    return ok({ ...saved, savedAt: Date.now() });
  } catch (error) {
    return couponFailure(error, "admin.coupons.update", values);
  }
}

const setActiveInput = z.object({
  couponId: idSchema,
  active: z.enum(["true", "false"], { message: "Choose enable or disable." }).transform((value) => value === "true"),
});

export async function setCouponActiveAction(
  _previous: ActionResult<CouponSaved> | null,
  formData: FormData,
): Promise<ActionResult<CouponSaved>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = setActiveInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    const saved = await setCouponActive(prisma, auth.user, parsed.data.couponId, parsed.data.active);
    refresh();
    return ok({ id: saved.id, code: saved.code, savedAt: Date.now() });
  } catch (error) {
    return failure(error, "admin.coupons.setActive", values);
  }
}

const productSearchInput = z
  .string()
  .max(100, "Keep the search under 100 characters.")
  .transform((value) => searchText(value, 100));

/** The product picker's typed search (at most 20 matches). */
export async function searchCouponProductsAction(query: unknown): Promise<ActionResult<ProductOption[]>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const parsed = productSearchInput.safeParse(query);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return ok(await searchProductOptions(prisma, parsed.data));
  } catch (error) {
    return failure(error, "admin.coupons.searchProducts");
  }
}
