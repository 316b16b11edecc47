// The store's currency display (/admin/settings) for server code that renders prices. Read per render
// through the cached settings (tag store-settings, expired at once by the save action), never kept in a
// module: a page that reads it carries the tag, so a cached catalog page is re-rendered after a change
// like any other page whose data changed. Client components get the same value from the layout through
// components/money-display.tsx; emails read the row themselves (readStoreSettings), outside any page.
import "server-only";
import { moneyFormatter, type CurrencyDisplay, type FormatMoney } from "@/lib/money";
import { getStoreSettings } from "./cache";

export async function getCurrencyDisplay(): Promise<CurrencyDisplay> {
  return (await getStoreSettings()).currencyDisplay;
}

/** formatMoney in the store's display, for a server component or route handler that shows prices. */
export async function getStoreMoneyFormatter(): Promise<FormatMoney> {
  return moneyFormatter(await getCurrencyDisplay());
}
