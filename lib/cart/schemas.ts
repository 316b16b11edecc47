// Input shapes of the cart's server actions. The browser sends ids and quantities only: never a price.
import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { MAX_LINE_QUANTITY } from "./limits";

const id = idSchema();

const quantity = (min: number) =>
  z.coerce
    .number({ message: "Quantity must be a whole number." })
    .int("Quantity must be a whole number.")
    .min(min, min === 0 ? "Quantity cannot be negative." : "Quantity must be at least 1.")
    .max(MAX_LINE_QUANTITY, `You can buy at most ${MAX_LINE_QUANTITY} of an item.`);

export const addToCartInput = z.object({ variantId: id, quantity: quantity(1).default(1) });
/** Quantity 0 removes the line. */
export const updateLineInput = z.object({ lineId: id, quantity: quantity(0) });
export const removeLineInput = z.object({ lineId: id });

export type AddToCartInput = z.infer<typeof addToCartInput>;
export type UpdateLineInput = z.infer<typeof updateLineInput>;
