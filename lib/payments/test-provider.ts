// The built-in test payment provider (in the spirit of Saleor's dummy gateway): the default in demo mode
// when no Stripe key is set, so a demo store takes pretend payments out of the box. Its payment page
// (/checkout/pay/<paymentId>, clearly marked TEST MODE) asks for a card number; the documented test
// cards (lib/checkout/test-card-payment.ts, which pays with them) decide the outcome. No money moves and nothing leaves this process.
//
// In production mode (lib/ops/store-mode.ts) nobody can pay with it: starting a test payment, the pay
// page and paying with a test card all refuse, whatever the page shows. Refunding or cancelling an
// existing TEST payment still works (the seller tidying up demo orders; no money moves either way).
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { isDemoMode } from "@/lib/ops/store-mode";
import { UserError } from "@/lib/errors";
import { loadPayableDifference } from "./payable-difference";
import { loadPayableOrder } from "./payable-order";
import type { PaymentProvider, StartedPayment, StartPaymentUrls } from "./provider-contract";
import { performRefund, type RefundOutcome, type RefundRequest } from "./refunds";

export const TEST_PAYMENTS_DISABLED = "Test payments are not accepted: this store is in production mode.";

/**
 * The payment page. `returnTo` is where to send the shopper after paying, as Stripe's success_url: the
 * page and the pay action only ever follow it to this payment's own order page (safeOrderReturnPath).
 */
export function testPaymentPath(paymentId: string, returnTo?: string): string {
  const path = `/checkout/pay/${encodeURIComponent(paymentId)}`;
  return returnTo ? `${path}?return=${encodeURIComponent(returnTo)}` : path;
}

/** The success URL as a path, with Stripe's {CHECKOUT_SESSION_ID} placeholder filled in as Stripe would. */
function returnPathOf(successUrl: string, paymentId: string): string | undefined {
  try {
    const url = new URL(successUrl.replaceAll("{CHECKOUT_SESSION_ID}", paymentId), "http://return.invalid");
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

/**
 * A TEST payment of `payable` (an order, or the difference of one of its returns): reloading the pay step
 * reuses the open one instead of piling up new ones.
 */
async function startTestPayment(
  db: Db,
  now: Date,
  payable: { orderId: string; returnId?: string; amountCents: number; currency: string; expiresAt: Date },
  urls: StartPaymentUrls,
): Promise<StartedPayment> {
  const owner = payable.returnId ? { returnId: payable.returnId } : { orderId: payable.orderId };
  const payment =
    (await db.payment.findFirst({
      where: { ...owner, provider: "TEST", status: "PENDING", expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    })) ??
    (await db.payment.create({
      data: { ...payable, provider: "TEST", providerRef: `testpay_${randomBytes(12).toString("hex")}` },
      select: { id: true },
    }));
  return { paymentId: payment.id, redirectUrl: testPaymentPath(payment.id, returnPathOf(urls.successUrl, payment.id)) };
}

function assertDemoMode(): void {
  if (!isDemoMode()) throw new UserError("payments_unavailable", TEST_PAYMENTS_DISABLED);
}

async function startPayment(db: Db, orderId: string, urls: StartPaymentUrls): Promise<StartedPayment> {
  assertDemoMode();
  const now = new Date();
  const order = await loadPayableOrder(db, orderId, now);
  const { totalCents: amountCents, currency, reservationExpiresAt: expiresAt } = order;
  return startTestPayment(db, now, { orderId: order.id, amountCents, currency, expiresAt }, urls);
}

/** The difference of a dearer exchange: a TEST payment of the order, tagged with the return. */
async function startDifferencePayment(db: Db, returnId: string, urls: StartPaymentUrls): Promise<StartedPayment> {
  assertDemoMode();
  const now = new Date();
  const {
    orderId,
    returnId: dueReturnId,
    amountCents,
    currency,
    dueBy,
  } = await loadPayableDifference(db, returnId, now);
  return startTestPayment(db, now, { orderId, returnId: dueReturnId, amountCents, currency, expiresAt: dueBy }, urls);
}

async function refund(db: Db, request: RefundRequest): Promise<RefundOutcome> {
  return performRefund(db, "TEST", request, async () => ({
    providerRef: `testre_${randomBytes(12).toString("hex")}`,
    status: "SUCCEEDED",
  }));
}

/** Nothing lives outside the database: the cancelled Payment row already refuses the test card form. */
async function cancelPayment(db: Db, paymentId: string): Promise<"cancelled" | "not_open"> {
  const payment = await db.payment.findUnique({ where: { id: paymentId }, select: { status: true } });
  return payment?.status === "SUCCEEDED" ? "not_open" : "cancelled";
}

export const testPaymentProvider: PaymentProvider = {
  id: "TEST",
  startPayment: (db, orderId, urls) => startPayment(db, orderId, urls),
  startDifferencePayment,
  refund,
  cancelPayment,
};
