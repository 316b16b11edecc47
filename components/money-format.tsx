"use client";
// The store's currency display for client components' formatMoney calls (cart, purchase panel, wishlist,
// recently viewed). The layout passes the display it read from the store settings; this sets it before
// any child renders, in the server render and in the browser alike, so the many formatMoney call sites
// need no hook or prop of their own. The value is the same for every visitor.
import type { ReactNode } from "react";
import { setCurrencyDisplay, type CurrencyDisplay } from "@/lib/money";

export function MoneyFormat({ display, children }: { display: CurrencyDisplay; children: ReactNode }) {
  setCurrencyDisplay(display);
  return children;
}
