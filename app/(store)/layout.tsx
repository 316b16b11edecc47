import type { ReactNode } from "react";
import { CartProvider } from "@/components/cart/cart-context";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { acknowledgePricesAction, addToCartAction, removeCartLineAction, updateCartLineAction } from "./cart/actions";

// The same for every visitor (so catalog pages are served whole from the cache): what is per visitor,
// the cart, is read in the browser by the cart context, which gets the cart actions from here.
const cartActions = {
  add: addToCartAction,
  update: updateCartLineAction,
  remove: removeCartLineAction,
  acknowledgePrices: acknowledgePricesAction,
};

export default function StoreLayout({ children }: { children: ReactNode }) {
  return (
    <CartProvider actions={cartActions}>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <SiteFooter />
    </CartProvider>
  );
}
