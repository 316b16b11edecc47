"use server";
// Back-in-stock alerts ended from the link in their email (lib/inventory/stock-alert-unsubscribe.ts).
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { unsubscribeStockAlert, unsubscribeStockAlertInput } from "@/lib/inventory/stock-alert-unsubscribe";

// Public: the signature in the link is the authorization; a forged one deletes nothing.
export const unsubscribeStockAlertAction = defineAction(
  { role: "public", input: unsubscribeStockAlertInput },
  async ({ input }) => {
    const outcome = await unsubscribeStockAlert(prisma, input);
    if (outcome === "invalid") throw new UserError("invalid_link", "This unsubscribe link is not valid.");
    return { outcome };
  },
);
