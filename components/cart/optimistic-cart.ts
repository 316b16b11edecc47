// What the cart looks like right after a quantity change or a removal, before the server has answered.
// The same arithmetic as lib/cart's getCartView (integer minor units; unavailable lines do not count
// towards the subtotal), so the optimistic cart and the server's answer agree when the change succeeds.
import type { CartLineProblem, CartLineView, ShopperCart } from "@/lib/cart/cart";

/** Quantity 0 removes the line. */
export interface CartLineChange {
  lineId: string;
  quantity: number;
}

function problemAt(line: CartLineView, quantity: number): CartLineProblem | null {
  if (line.problem === "unavailable" || line.problem === "out_of_stock") return line.problem;
  return quantity > line.available ? "insufficient_stock" : null;
}

export function applyCartLineChange(cart: ShopperCart | null, change: CartLineChange): ShopperCart | null {
  if (!cart) return cart;
  const lines = cart.lines.flatMap((line): CartLineView[] => {
    if (line.id !== change.lineId) return [line];
    if (change.quantity === 0) return [];
    return [
      {
        ...line,
        quantity: change.quantity,
        lineTotalCents: line.unitPriceCents * change.quantity,
        // The server takes a quantity change as the shopper acknowledging the current price.
        previousUnitPriceCents: null,
        problem: problemAt(line, change.quantity),
      },
    ];
  });
  return {
    ...cart,
    lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotalCents: lines.reduce((sum, line) => sum + (line.problem === "unavailable" ? 0 : line.lineTotalCents), 0),
    hasPriceChanges: lines.some((line) => line.previousUnitPriceCents !== null),
    hasProblems: lines.some((line) => line.problem !== null),
  };
}
