import type { ReactNode } from "react";
import { CartProvider } from "@/components/cart/cart-context";
import { WishlistProvider } from "@/components/wishlist/wishlist-context";
import { VerifyEmailBanner } from "@/components/account/verify-email-banner";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { MoneyDisplayProvider } from "@/components/money-display";
import { moneyPattern, storeCurrency } from "@/lib/money";
import { getCurrencyDisplay } from "@/lib/settings/money-format";
import { resendVerificationAction } from "./account/actions";
import { acknowledgePricesAction, addToCartAction, removeCartLineAction, updateCartLineAction } from "./cart/actions";
import { removeFromWishlistAction, saveToWishlistAction, subscribeStockAlertAction } from "./wishlist/actions";

// The same for every visitor (so catalog pages are served whole from the cache): what is per visitor,
// the cart, the wishlist's hearts and the email confirmation banner, is read in the browser (the cart context, the banner's
// island), which gets its actions from here.
const cartActions = {
  add: addToCartAction,
  update: updateCartLineAction,
  remove: removeCartLineAction,
  acknowledgePrices: acknowledgePricesAction,
};
const wishlistActions = {
  save: saveToWishlistAction,
  remove: removeFromWishlistAction,
  subscribe: subscribeStockAlertAction,
};

// Prices in client components follow the store's currency display, read here with the cached settings:
// every page under this layout carries the store-settings tag, so a change re-renders cached pages too.
// The store currency's pattern in that display is made here, so browsers format prices without Intl.
export default async function StoreLayout({ children }: { children: ReactNode }) {
  const currencyDisplay = await getCurrencyDisplay();
  return (
    <MoneyDisplayProvider
      display={currencyDisplay}
      pattern={moneyPattern(storeCurrency(), { display: currencyDisplay })}
    >
      <CartProvider actions={cartActions}>
        <WishlistProvider actions={wishlistActions}>
          <SiteHeader />
          <VerifyEmailBanner resend={resendVerificationAction} />
          <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
            {children}
          </main>
          <SiteFooter />
        </WishlistProvider>
      </CartProvider>
    </MoneyDisplayProvider>
  );
}
