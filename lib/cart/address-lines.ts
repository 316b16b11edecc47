// One way to print a shipping address, for every place that shows one: the checkout review, the account's
// address book, the order pages and the order emails. It lives next to the country names (and below
// orders and email) so that every layer that shows an address can use it.
import { countryName } from "./countries";

/** The fields of a shipping address as stored (an order's snapshot, a saved address, the checkout state). */
export interface AddressParts {
  firstName?: string;
  lastName?: string;
  company?: string | null;
  line1?: string;
  line2?: string | null;
  city?: string;
  region?: string | null;
  postalCode?: string;
  country?: string;
}

/**
 * The address as printed lines: name, company, street, second line, "city, region, postal code", country
 * name. Empty parts are left out. Takes `unknown` because order snapshots are JSON columns; a missing or
 * malformed snapshot prints what it has.
 */
export function addressLines(address: unknown): string[] {
  const a = (address ?? {}) as AddressParts;
  return [
    [a.firstName, a.lastName].filter(Boolean).join(" "),
    a.company ?? "",
    a.line1 ?? "",
    a.line2 ?? "",
    [a.city, a.region, a.postalCode].filter(Boolean).join(", "),
    // A code the display names do not know (or that is malformed) prints as stored.
    a.country && /^[A-Z]{2}$/.test(a.country) ? countryName(a.country) : (a.country ?? ""),
  ].filter((line) => line.trim() !== "");
}
