"use server";
// Automatic promotions (/admin/promotions), administrators only. Thin: the kit authorizes and parses the
// form with zod; lib/settings/promotions.ts writes with an audit entry. Checkout and the cart read
// promotions live (never cached) and product pages show none, so no storefront tag needs expiring.
import { defineAction } from "@/lib/actions/define-action";
import { saved } from "@/lib/actions/saved";
import { prisma } from "@/lib/db";
import { savePromotionInput, setPromotionActiveInput } from "@/lib/settings/promotion-form";
import { savePromotion, setPromotionActive } from "@/lib/settings/promotions";

export const savePromotionAction = defineAction(
  { role: "admin", input: savePromotionInput, echo: true },
  async ({ input, user }) => {
    const promotion = await savePromotion(prisma, user, input);
    return saved({ id: promotion.id });
  },
);

export const setPromotionActiveAction = defineAction(
  { role: "admin", input: setPromotionActiveInput },
  async ({ input, user }) => {
    const promotion = await setPromotionActive(prisma, user, input);
    return saved({ id: promotion.id, message: promotion.active ? "Activated." : "Deactivated." });
  },
);
