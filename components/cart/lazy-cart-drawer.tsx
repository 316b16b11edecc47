"use client";
// The cart drawer, loaded when it is first opened: every storefront page has the header's cart button,
// but most visits never open the drawer, so its code (lines, quantity changes, suggestions) is neither
// downloaded nor hydrated while a page starts up. The button is a plain link to /cart until then too.
import dynamic from "next/dynamic";
import { useCartDrawer } from "./cart-drawer-store";

const CartDrawer = dynamic(() => import("./cart-drawer").then((module) => module.CartDrawer), { ssr: false });

export function LazyCartDrawer() {
  // openCount grows with every opening: once it is above 0 the drawer stays mounted (closed or open).
  const { openCount } = useCartDrawer();
  return openCount > 0 ? <CartDrawer /> : null;
}
