// The store's currency display (/admin/settings) applied to formatMoney on the server. Pages that render
// prices await applyStoreMoneyFormat() before they do (a layout renders beside its page, not before it,
// so the layout's own call cannot be relied on for the page): it reads the cached settings (no database
// read unless the settings tag was expired) and sets the process's display. The save action sets it at
// once and expires every cached page that shows a price (app/admin/settings/actions.ts).
import "server-only";
import { isDatabaseUnavailable } from "@/lib/errors";
import { currentCurrencyDisplay, setCurrencyDisplay, type CurrencyDisplay } from "@/lib/money";
import { getStoreSettings } from "./cache";

export async function applyStoreMoneyFormat(): Promise<CurrencyDisplay> {
  try {
    const { currencyDisplay } = await getStoreSettings();
    setCurrencyDisplay(currencyDisplay);
  } catch (error) {
    // The page says the store is unavailable where it needs the database; prices keep the last display.
    if (!isDatabaseUnavailable(error)) throw error;
  }
  return currentCurrencyDisplay();
}
