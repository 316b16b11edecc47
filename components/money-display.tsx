"use client";
// The store's currency display for client components (cart, purchase panel, product cards, wishlist,
// recently viewed). The store layout reads it with the cached settings and passes it here; components
// format through useFormatMoney(), so the value comes from the render that read it, never from a
// module-level variable that an older render or page could have left behind.
//
// The layout also passes the store currency's pattern (lib/money.ts moneyPattern, made on the server):
// prices in that currency are formatted without Intl, whose first NumberFormat in a browser loads locale
// data in the middle of hydration. Any other currency goes through Intl as on the server.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import {
  DEFAULT_CURRENCY_DISPLAY,
  formatMoneyByPattern,
  moneyFormatter,
  type CurrencyDisplay,
  type FormatMoney,
  type MoneyPattern,
} from "@/lib/money";

interface MoneyDisplay {
  display: CurrencyDisplay;
  pattern: MoneyPattern | null;
}

const MoneyDisplayContext = createContext<MoneyDisplay>({ display: DEFAULT_CURRENCY_DISPLAY, pattern: null });

export function MoneyDisplayProvider({
  display,
  pattern,
  children,
}: {
  display: CurrencyDisplay;
  /** The store currency's pattern in this display. */
  pattern: MoneyPattern;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ display, pattern }), [display, pattern]);
  return <MoneyDisplayContext.Provider value={value}>{children}</MoneyDisplayContext.Provider>;
}

/** formatMoney in the store's display (the nearest MoneyDisplayProvider's). */
export function useFormatMoney(): FormatMoney {
  const { display, pattern } = useContext(MoneyDisplayContext);
  return useMemo(() => {
    const viaIntl = moneyFormatter(display);
    if (!pattern) return viaIntl;
    return (amountMinor, currency) =>
      currency.toUpperCase() === pattern.currency
        ? formatMoneyByPattern(amountMinor, pattern)
        : viaIntl(amountMinor, currency);
  }, [display, pattern]);
}
