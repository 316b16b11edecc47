// Shipping options for a destination from the ShippingRate table: flat rates by zone. The zones that
// list the country define its options; a zone with no countries (the "world" zone) serves only the
// countries no zone lists. Only active rates in the order's currency count.
import { UserError } from "@/lib/errors";
import type { ShippingMethod } from "@/lib/generated/prisma/enums";

export interface ShippingRateRow {
  id: string;
  zone: string;
  countries: readonly string[];
  method: ShippingMethod;
  name: string;
  priceCents: number;
  currency: string;
  freeOverCents: number | null;
  minDays: number;
  maxDays: number;
  active: boolean;
}

const METHOD_ORDER: readonly ShippingMethod[] = ["STANDARD", "EXPRESS"];

/** One rate per method for the country (ISO alpha-2, any case): standard first, the cheapest when zones overlap. */
export function shippingRatesFor<Row extends ShippingRateRow>(
  rates: readonly Row[],
  country: string,
  currency: string,
): Row[] {
  const destination = country.trim().toUpperCase();
  const usable = rates.filter((rate) => rate.active && rate.currency === currency);
  const listing = usable.filter((rate) => rate.countries.some((code) => code.toUpperCase() === destination));
  const candidates = listing.length > 0 ? listing : usable.filter((rate) => rate.countries.length === 0);
  const chosen: Row[] = [];
  for (const method of METHOD_ORDER) {
    const cheapest = candidates.filter((rate) => rate.method === method).sort((a, b) => a.priceCents - b.priceCents)[0];
    if (cheapest) chosen.push(cheapest);
  }
  return chosen;
}

/** The rate for the chosen method, or a UserError when the destination does not offer it. */
export function selectShippingRate<Row extends ShippingRateRow>(
  rates: readonly Row[],
  country: string,
  method: ShippingMethod,
  currency: string,
): Row {
  const rate = shippingRatesFor(rates, country, currency).find((candidate) => candidate.method === method);
  if (!rate) {
    throw new UserError("shipping_method_unavailable", "This shipping option is not available for your address.");
  }
  return rate;
}
