"use server";
// The shopper's return request from the order page. Public (a guest holds the order's link), so access is
// checked here with the order page's own rule (lib/orders/access.ts): the link's key, or the signed-in
// account that placed the order. A refusal reads like an unknown order, as the page does.
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { saved, type Saved } from "@/lib/actions/saved";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { siteUrl } from "@/lib/catalog/site";
import { canOpenOrder, keyParam, orderAccessPath } from "@/lib/orders/access";
import { requirePaymentProvider } from "@/lib/payments/provider";
import { parseReturnRequestForm } from "@/lib/orders/returns-forms";
import { isReturnOfOrder } from "@/lib/orders/returns-queries";
import { requestReturn } from "@/lib/orders/returns-request";

export type ReturnRequested = Saved<{ message: string }>;

export const requestReturnAction = defineAction(
  { role: "public", input: parseReturnRequestForm, echo: ["reason", "note"] },
  async ({ input }): Promise<ReturnRequested> => {
    const user = await getSessionUser();
    const viewer = user ? { userId: user.id } : null;
    if (!(await canOpenOrder(prisma, { orderId: input.orderId, key: input.key, viewer }))) {
      throw new UserError("order_not_found", "We could not find this order. Open it again from its link.");
    }
    const { key: _key, ...request } = input;
    const result = await requestReturn(prisma, { userId: user?.id ?? null }, request);
    return saved({
      message:
        result.outcome === "replayed"
          ? "This return was already requested."
          : "Return requested. We will email you when the store has looked at it.",
    });
  },
);

const payDifferenceInput = z.object({
  orderId: z.string().trim().min(1).max(64),
  returnId: z.string().trim().min(1).max(64),
  key: z.string().trim().max(100).optional(),
});

/**
 * "Pay the difference" of a dearer exchange: the store's payment provider, as checkout pays (Stripe's
 * hosted page, or the test payment page in demo mode); the provider's confirmation marks it paid
 * (lib/orders/returns-difference.ts). A second click reuses the open payment.
 */
export const payExchangeDifferenceAction = defineAction(
  { role: "public", input: payDifferenceInput },
  async ({ input }) => {
    const user = await getSessionUser();
    const viewer = user ? { userId: user.id } : null;
    const key = keyParam(input.key);
    if (
      !(await isReturnOfOrder(prisma, input.returnId, input.orderId)) ||
      !(await canOpenOrder(prisma, { orderId: input.orderId, key, viewer }))
    ) {
      throw new UserError("order_not_found", "We could not find this order. Open it again from its link.");
    }
    const orderPath = orderAccessPath(input.orderId, key);
    const base = siteUrl();
    const started = await requirePaymentProvider().startDifferencePayment(prisma, input.returnId, {
      successUrl: `${base}${orderPath}`,
      cancelUrl: `${base}${orderPath}`,
    });
    redirect(started.redirectUrl);
  },
);
