"use client";

import { useEffect } from "react";
import { useCart } from "./cart-context";

/**
 * Reads the shared cart again when `version` changes. For pages reached after the server changed the cart
 * behind the cart context: paying empties the cart (lib/orders/mark-paid.ts), and the order page is reached
 * by a redirect inside the same store layout, whose cart context would otherwise still show the old lines.
 */
export function CartSync({ version }: { version: string }) {
  const { refresh } = useCart();
  useEffect(() => {
    void refresh();
  }, [refresh, version]);
  return null;
}
