"use client";

import { useState } from "react";
import type { CartLineView } from "@/lib/cart/cart";
import { useCart } from "./cart-context";
import { CartLine } from "./cart-line";

/**
 * One line of the cart page. Changes go through the cart context, which shows them at once and then as
 * the server answered: when the server refuses (stock ran out), the line goes back and the message shows.
 */
export function CartLineItem({ line, currency }: { line: CartLineView; currency: string }) {
  const { changeLine } = useCart();
  const [error, setError] = useState<string | null>(null);

  async function change(quantity: number) {
    setError(null);
    const result = await changeLine(line.id, quantity);
    if (!result.ok) setError(result.error);
  }

  return (
    <CartLine
      place="page"
      line={line}
      currency={currency}
      error={error}
      onQuantityChange={(quantity) => void change(quantity)}
    />
  );
}
