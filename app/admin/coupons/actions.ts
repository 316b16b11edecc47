"use server";
// Coupon create, edit, enable/disable, and the product picker's search. Thin: the kit authorizes and parses
// the form with zod (field errors keyed by input name), lib/coupons does the work (and reports refusals
// that belong to a field, a code already taken, with that field), then the admin page is refreshed.
// Coupons are read live by checkout (never cached), so there is no storefront tag to revalidate.
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { idSchema } from "@/lib/ids";
import { formObject, formStrings, parseFields } from "@/lib/actions/form";
import { saved, type Saved } from "@/lib/actions/saved";
import { searchProductOptions } from "@/lib/coupons/admin/pickers";
import { createCoupon, setCouponActive, updateCoupon } from "@/lib/coupons/admin/write";
import { couponInputSchema } from "@/lib/coupons/schema";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { searchText } from "@/lib/text";

export type CouponSaved = Saved<{ id: string; code: string }>;

/** The form's fields, with the multi-value ones (checkboxes, picked products) as arrays. lib parses these
 *  again (it is also called by scripts and tests), so they are what the handlers pass on. */
function couponFields(form: FormData) {
  return {
    ...formObject(form),
    categoryIds: formStrings(form, "categoryIds"),
    productIds: formStrings(form, "productIds"),
  };
}

export const createCouponAction = defineAction(
  { role: "staff", input: (form) => parseFields(couponInputSchema, couponFields(form)), echo: true },
  async ({ form, user }) => {
    const created = await createCoupon(prisma, user, couponFields(form));
    redirect(`/admin/coupons/${encodeURIComponent(created.id)}?created=1`);
  },
);

/** A coupon id that is not one is "does not exist", before the form's own field errors. */
function parseUpdateForm(form: FormData) {
  const couponId = idSchema().safeParse(formObject(form).couponId);
  if (!couponId.success) throw new UserError("coupon_not_found", "That coupon does not exist.");
  const coupon = parseFields(couponInputSchema, couponFields(form));
  return coupon.ok ? { ok: true as const, data: { couponId: couponId.data } } : coupon;
}

export const updateCouponAction = defineAction(
  { role: "staff", input: parseUpdateForm, echo: true },
  async ({ input, form, user }): Promise<CouponSaved> => {
    const coupon = await updateCoupon(prisma, user, input.couponId, couponFields(form));
    return saved({ id: coupon.id, code: coupon.code });
  },
);

const setActiveInput = z.object({
  couponId: idSchema(),
  active: z.enum(["true", "false"], { message: "Choose enable or disable." }).transform((value) => value === "true"),
});

export const setCouponActiveAction = defineAction(
  { role: "staff", input: setActiveInput, echo: true },
  async ({ input, user }): Promise<CouponSaved> => {
    const coupon = await setCouponActive(prisma, user, input.couponId, input.active);
    return saved({ id: coupon.id, code: coupon.code });
  },
);

const productSearchInput = z
  .string()
  .max(100, "Keep the search under 100 characters.")
  .transform((value) => searchText(value, 100));

/** The product picker's typed search (at most 20 matches). */
export const searchCouponProductsAction = defineAction(
  { role: "staff", input: productSearchInput, from: "argument" },
  async ({ input }) => searchProductOptions(prisma, input),
);
