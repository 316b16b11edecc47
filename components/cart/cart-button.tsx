"use client";

import type { MouseEvent, ReactNode } from "react";
import { openCartDrawer, useCartDrawer } from "./cart-drawer-store";

/**
 * The header's cart link. Without JavaScript (or with a modifier key, to open a tab) it is a plain link to
 * /cart; otherwise a click opens the cart drawer. Its children (icon, per-request count) are server-rendered.
 */
export function CartButton({ children, className }: { children: ReactNode; className?: string }) {
  const { open, openCount } = useCartDrawer();

  function openDrawer(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    openCartDrawer(event.currentTarget);
  }

  return (
    <a
      href="/cart"
      aria-label="Cart"
      aria-haspopup="dialog"
      aria-expanded={open}
      // The drawer exists once it was first opened (components/cart/lazy-cart-drawer.tsx).
      aria-controls={openCount > 0 ? "cart-drawer" : undefined}
      data-testid="cart-button"
      onClick={openDrawer}
      className={className}
    >
      {children}
    </a>
  );
}
