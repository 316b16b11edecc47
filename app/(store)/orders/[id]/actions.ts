"use server";
// The shopper's return request from the order page. Public (a guest holds the order's link), so access is
// checked here with the order page's own rule (lib/orders/access.ts): the link's key, or the signed-in
// account that placed the order. A refusal reads like an unknown order, as the page does.
import { defineAction } from "@/lib/actions/define-action";
import { saved, type Saved } from "@/lib/actions/saved";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { canOpenOrder } from "@/lib/orders/access";
import { parseReturnRequestForm } from "@/lib/orders/returns-forms";
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
