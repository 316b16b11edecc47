// Every outbox topic, and the dedupe key that makes each kind of event happen once. The domains that
// queue an event (orders, checkout, catalog, inventory) and the ones that handle it (email, payments,
// search) both take the names
// from here, so a writer never imports its handler's domain (orders would import email and payments,
// which import orders) and a topic cannot be misspelled on one side only.

/** A product's search document to rebuild (./search-reindex.ts queues it; lib/search/sync.ts handles it). */
export const SEARCH_UPSERT_TOPIC = "search.product.upsert";

/** The index settings to apply after a tuning change (synonyms, colour families; lib/search/sync.ts). */
export const SEARCH_SETTINGS_TOPIC = "search.settings.apply";

/** The order confirmation email, once per order. */
export const ORDER_CONFIRMATION_TOPIC = "email.order_confirmation";
export const orderConfirmationDedupeKey = (orderId: string) => `order-confirmation:${orderId}`;

/** The shipping email, once per shipment. */
export const ORDER_SHIPPED_TOPIC = "email.order_shipped";
export const orderShippedDedupeKey = (shipmentId: string) => `order-shipped:${shipmentId}`;

/** The cancellation email, once per order. */
export const ORDER_CANCELLED_TOPIC = "email.order_cancelled";
export const orderCancelledDedupeKey = (orderId: string) => `order-cancelled:${orderId}`;

/** An email to the shopper at each step of a return (lib/orders/returns-*.ts), once per return and step. */
export const RETURN_UPDATE_TOPIC = "email.return_update";
export type ReturnEmailStep =
  "requested" | "approved" | "rejected" | "received" | "refunded" | "difference_paid" | "exchange_released";
export const returnUpdateDedupeKey = (returnId: string, step: ReturnEmailStep) => `return-update:${returnId}:${step}`;
export interface ReturnUpdatePayload {
  returnId: string;
  step: ReturnEmailStep;
}

/** A payment to give back in full (duplicate, or for an order that cannot be honoured), once per payment. */
export const REFUND_REQUIRED_TOPIC = "payment.refund_required";
export const refundRequiredDedupeKey = (paymentId: string) => `refund-required:${paymentId}`;

/** An open payment to close at the provider after the seller cancelled its order, once per payment. */
export const CANCEL_PAYMENT_TOPIC = "payment.cancel_required";
export const cancelPaymentDedupeKey = (paymentId: string) => `cancel-payment:${paymentId}`;

/** A password reset link, queued for the email typed whether or not it has an account (lib/auth/password-reset.ts). */
export const PASSWORD_RESET_TOPIC = "email.password_reset";
export interface PasswordResetPayload {
  /** Normalised, as typed: it may have no account. */
  email: string;
  expiresAt: string;
}

/** An email verification link, after sign-up or on request (lib/auth/email-verification.ts). */
export const EMAIL_VERIFICATION_TOPIC = "email.verify_email";
export interface EmailVerificationPayload {
  userId: string;
  expiresAt: string;
}

/** "Back in stock" for one subscription (lib/inventory/back-in-stock.ts), once per time it is notified. */
export const BACK_IN_STOCK_TOPIC = "email.back_in_stock";
export const backInStockDedupeKey = (alertId: string, sentCount: number) => `back-in-stock:${alertId}:${sentCount}`;
export interface BackInStockPayload {
  alertId: string;
}

/** The low-stock digest to staff (lib/settings/low-stock-digest.ts queues it; lib/email renders it). */
export const LOW_STOCK_DIGEST_TOPIC = "email.low_stock_digest";
/** The daily digest: at most one per UTC day however many workers check (`day` is YYYY-MM-DD). */
export const lowStockDigestDedupeKey = (day: string) => `low-stock-digest:${day}`;
export interface LowStockDigestPayload {
  /** YYYY-MM-DD (UTC) of the stock it lists. */
  day: string;
  trigger: "daily" | "manual";
  recipients: string[];
  generatedAt: string;
  /** How many (variant, location) rows are low; `items` holds the first of them. */
  total: number;
  items: {
    sku: string;
    product: string;
    variant: string;
    location: string;
    available: number;
    threshold: number;
  }[];
}

/**
 * An order's paid standing may have changed: queued when it is paid, when a paid order is cancelled, and
 * when a refund of it is settled or undone. What is derived from paid orders follows it, each handler
 * comparing the order's state with what it derived before, so replays change nothing: the co-purchase
 * counts (lib/recommendations/counts.ts) and the "verified buyer" mark of the account's reviews of its
 * products (lib/reviews/verified.ts). Only the payment's event has a key (an order is paid once).
 */
export const ORDER_STANDING_TOPIC = "orders.paid_standing";
export const orderStandingPaidDedupeKey = (orderId: string) => `order-standing:paid:${orderId}`;
/** The order an ORDER_STANDING_TOPIC event names (its payload is `{ orderId }`). */
export function orderIdOfStandingEvent(payload: unknown): string {
  const orderId = (payload as { orderId?: unknown } | null)?.orderId;
  if (typeof orderId !== "string" || orderId === "") throw new Error(`${ORDER_STANDING_TOPIC} without an orderId`);
  return orderId;
}
