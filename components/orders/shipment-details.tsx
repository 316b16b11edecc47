// What the shopper's order page and the admin's shipments card both show of a shipment: its tracking number
// (linked only when the link is safe to follow) and the items in it.
import { isSafeTrackingUrl } from "@/lib/orders/carriers";

export function TrackingNumber({ shipment }: { shipment: { trackingNumber: string; trackingUrl: string | null } }) {
  return isSafeTrackingUrl(shipment.trackingUrl) ? (
    <a
      href={shipment.trackingUrl}
      className="font-mono underline"
      target="_blank"
      rel="noopener noreferrer"
      data-testid="tracking-number"
    >
      {shipment.trackingNumber}
    </a>
  ) : (
    <span className="font-mono" data-testid="tracking-number">
      {shipment.trackingNumber}
    </span>
  );
}

export interface ShipmentLine {
  id: string;
  quantity: number;
  orderLine: { title: string; variantTitle: string | null };
}

export function ShipmentLines({ lines, className }: { lines: ShipmentLine[]; className: string }) {
  return (
    <ul className={className}>
      {lines.map((line) => (
        <li key={line.id}>
          {line.orderLine.title}
          {line.orderLine.variantTitle ? ` · ${line.orderLine.variantTitle}` : ""} × {line.quantity}
        </li>
      ))}
    </ul>
  );
}
