"use client";
// The store's currency display for client components (cart, purchase panel, product cards, wishlist,
// recently viewed). The store layout reads it with the cached settings and passes it here; components
// format through useFormatMoney(), so the value comes from the render that read it, never from a
// module-level variable that an older render or page could have left behind.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { DEFAULT_CURRENCY_DISPLAY, moneyFormatter, type CurrencyDisplay, type FormatMoney } from "@/lib/money";

const MoneyDisplayContext = createContext<CurrencyDisplay>(DEFAULT_CURRENCY_DISPLAY);

export function MoneyDisplayProvider({ display, children }: { display: CurrencyDisplay; children: ReactNode }) {
  return <MoneyDisplayContext.Provider value={display}>{children}</MoneyDisplayContext.Provider>;
}

/** formatMoney in the store's display (the nearest MoneyDisplayProvider's). */
export function useFormatMoney(): FormatMoney {
  const display = useContext(MoneyDisplayContext);
  return useMemo(() => moneyFormatter(display), [display]);
}
