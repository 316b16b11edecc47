// The carriers the fulfilment form offers, with their public tracking pages, so the shopper gets a link
// without the seller pasting one. Any other carrier can be typed in (then the seller may add a URL).
import { z } from "zod";

/** A parcel's tracking number, as the seller types it for a shipment or an exchange's parcel. */
export const trackingNumberSchema = z
  .string({ error: "Enter a tracking number." })
  .trim()
  .min(4, "A tracking number has at least 4 characters.")
  .max(64, "A tracking number is at most 64 characters.")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, "A tracking number contains only letters, digits, spaces and dashes.");

export interface Carrier {
  code: string;
  name: string;
  trackingUrl(trackingNumber: string): string;
}

export const CARRIERS: readonly Carrier[] = [
  { code: "UPS", name: "UPS", trackingUrl: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}` },
  {
    code: "USPS",
    name: "USPS",
    trackingUrl: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(n)}`,
  },
  {
    code: "FedEx",
    name: "FedEx",
    trackingUrl: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`,
  },
  {
    code: "DHL",
    name: "DHL",
    trackingUrl: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${encodeURIComponent(n)}`,
  },
];

/** The carrier's tracking page for a known carrier (matched case-insensitively), else null. */
export function defaultTrackingUrl(carrier: string, trackingNumber: string): string | null {
  const known = CARRIERS.find((entry) => entry.code.toLowerCase() === carrier.trim().toLowerCase());
  return known ? known.trackingUrl(trackingNumber) : null;
}

/** Only http(s) links are ever stored or rendered as a tracking link. */
export function isSafeTrackingUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}
