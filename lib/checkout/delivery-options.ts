// The delivery step's choices for a destination: one option per shipping method the address can have
// (lib/pricing/shipping.ts), with its price as the shopper sees it before any discount.
import type { Db } from "@/lib/db";
import type { ShippingMethod } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";
import { shippingRatesFor } from "@/lib/pricing/shipping";
import { readStoreSettings } from "@/lib/settings/store-settings";
import { freeShippingFrom } from "./price-checkout";

export interface DeliveryOption {
  method: ShippingMethod;
  name: string;
  /** "Free" when the cart's subtotal reaches the rate's free-shipping threshold. */
  priceLabel: string;
  days: string;
}

/** Empty when the store does not ship to `country` in the cart's currency. */
export async function deliveryOptionsFor(
  db: Db,
  country: string,
  cart: { currency: string; subtotalCents: number },
): Promise<DeliveryOption[]> {
  const rates = shippingRatesFor(await db.shippingRate.findMany(), country, cart.currency);
  const { freeShippingThresholdCents, currencyDisplay } = await readStoreSettings(db);
  return rates.map((rate) => {
    // Indicative here; the review step computes the exact amount after any discount.
    const freeOver = freeShippingFrom(rate.freeOverCents, freeShippingThresholdCents);
    const free = freeOver !== null && cart.subtotalCents >= freeOver;
    return {
      method: rate.method,
      name: rate.name,
      priceLabel: free ? "Free" : formatMoney(rate.priceCents, rate.currency, { display: currencyDisplay }),
      days:
        rate.minDays === rate.maxDays
          ? `${rate.minDays} business days`
          : `${rate.minDays}–${rate.maxDays} business days`,
    };
  });
}
