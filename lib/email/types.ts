import type { Db } from "@/lib/db";

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, such as List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

/**
 * Renders one email about an order from its stored record (`id`: the order's, or the shipment's), or
 * null when the record is gone. `orderUrl` mints a link that opens the order page for the recipient
 * (lib/email/outbox-handlers.ts mints one per email).
 */
export type OrderEmailRenderer = (
  db: Db,
  id: string,
  orderUrl: (orderId: string) => Promise<string>,
  storeName: string,
) => Promise<Email | null>;
