// Paying a TEST payment on the built-in test payment page (/checkout/pay/<paymentId>): the documented
// test cards decide the outcome, and the order is marked paid or the payment failed as a provider's
// confirmation would. The provider side (starting, refunding, cancelling a TEST payment) is
// lib/payments/test-provider.ts. Demo mode only: in production mode paying and the page's read refuse.
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/form";
import type { ShopperRequest } from "@/lib/rate-limit/shopper-request";
import type { Db } from "@/lib/db";
import { markOrderPaid, type RefundReason } from "@/lib/orders/mark-paid";
import { isRefusedPaymentReason } from "@/lib/orders/refused-payment";
import { markPaymentFailed } from "@/lib/orders/payment-failed";
import { markExchangeDifferencePaid } from "@/lib/orders/returns-difference";
import { canOpenOrder, keyParam, orderAccessPath, type OrderViewer } from "@/lib/orders/access";
import { isDemoMode } from "@/lib/ops/store-mode";
import { PAID_STATUSES } from "@/lib/payments/order-states";
import { TEST_PAYMENTS_DISABLED } from "@/lib/payments/test-provider";

export type TestCardOutcome = "succeeded" | "elevated_risk" | "card_declined" | "insufficient_funds";

export interface TestCard {
  number: string;
  outcome: TestCardOutcome;
  description: string;
  /** The card's billing country, as Stripe reports it on the charge (its basic test cards are U.S. ones). */
  billingCountry: string;
}

/** The documented test cards (test payment page, docs/checkout-and-payments.md). Any expiry and CVC. */
export const TEST_CARDS: readonly TestCard[] = [
  { number: "4242 4242 4242 4242", outcome: "succeeded", description: "Payment succeeds", billingCountry: "US" },
  // Stripe's international test card for Germany: a foreign card for the store's country rule.
  {
    number: "4000 0027 6000 0016",
    outcome: "succeeded",
    description: "Payment succeeds with a German card (billing country DE)",
    billingCountry: "DE",
  },
  // Stripe's own test card for a charge that succeeds with an elevated risk level (Radar).
  {
    number: "4000 0000 0000 9235",
    outcome: "elevated_risk",
    description: "Payment succeeds, order held for a fraud review",
    billingCountry: "US",
  },
  { number: "4000 0000 0000 0002", outcome: "card_declined", description: "Card declined", billingCountry: "US" },
  {
    number: "4000 0000 0000 9995",
    outcome: "insufficient_funds",
    description: "Declined: insufficient funds",
    billingCountry: "US",
  },
];

const DECLINE_MESSAGES: Record<
  Exclude<TestCardOutcome, "succeeded" | "elevated_risk"> | "unsupported_test_card",
  string
> = {
  card_declined: "Your card was declined.",
  insufficient_funds: "Your card has insufficient funds.",
  unsupported_test_card: "Your card was declined: this is not one of the supported test cards.",
};
const NOTHING_CHARGED = "Nothing was charged and your cart is kept: go back to your cart to try again.";

/** Luhn mod-10 check of a digit string. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const testCardPaymentSchema = z.object({
  paymentId: z
    .string({ error: "This payment link is invalid." })
    .trim()
    .min(1, "This payment link is invalid.")
    .max(64, "This payment link is invalid."),
  cardNumber: z
    .string({ error: "Enter a card number." })
    .trim()
    .min(1, "Enter a card number.")
    .max(40, "A card number has 12 to 19 digits.")
    .regex(/^[0-9 ]+$/, "A card number may contain only digits and spaces.")
    .transform((value) => value.replaceAll(" ", ""))
    .refine((digits) => digits.length >= 12 && digits.length <= 19, "A card number has 12 to 19 digits.")
    .refine(passesLuhn, "That card number is not valid: check it for typos."),
});

export type TestCardPaymentInput = z.input<typeof testCardPaymentSchema>;

export type TestCardPaymentResult =
  | { ok: true; orderId: string; message: string }
  | {
      ok: false;
      error:
        | "test_payments_disabled"
        | "invalid_input"
        | "rate_limited"
        | "payment_not_found"
        | "already_paid"
        | "payment_closed"
        | "payment_expired"
        | "card_declined"
        | "insufficient_funds"
        | "unsupported_test_card"
        | "refund_pending";
      message: string;
      fieldErrors?: Record<string, string>;
      orderId?: string;
    };

function testCardOf(digits: string): TestCard | null {
  return TEST_CARDS.find((entry) => entry.number.replaceAll(" ", "") === digits) ?? null;
}

/**
 * What the test provider reports of a card for the store's risk score, as Stripe does on the charge
 * (payment_method_details.card.fingerprint, billing_details.address.country): fixed per test card, so the
 * same card always has the same fingerprint.
 */
export function testCardRiskSignals(card: TestCard): { cardFingerprint: string; billingCountry: string } {
  return { cardFingerprint: `test_fp_${card.number.replaceAll(" ", "")}`, billingCountry: card.billingCountry };
}

/**
 * Pays a TEST payment with a card number. Invalid input, an unknown payment, or one that is no longer
 * open gets a message and writes nothing; a test card then succeeds (markOrderPaid) or is declined
 * (markPaymentFailed: the stock is released at once, the cart is kept). With `request` (the server
 * action always passes it), attempts are rate limited per address and per order email (policy
 * testPayment) before anything is written.
 */
export async function payWithTestCard(
  db: Db,
  input: TestCardPaymentInput,
  options: { now?: Date; request?: ShopperRequest } = {},
): Promise<TestCardPaymentResult> {
  if (!isDemoMode()) return { ok: false, error: "test_payments_disabled", message: TEST_PAYMENTS_DISABLED };
  const now = options.now ?? new Date();
  const parsed = testCardPaymentSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const message = fieldErrors.cardNumber ?? fieldErrors.paymentId ?? "Check the card number.";
    return { ok: false, error: "invalid_input", message, fieldErrors };
  }
  const { paymentId, cardNumber } = parsed.data;
  const payment = await db.payment.findUnique({
    where: { id: paymentId },
    select: {
      id: true,
      provider: true,
      providerRef: true,
      status: true,
      expiresAt: true,
      returnId: true,
      amountCents: true,
      currency: true,
      order: { select: { id: true, status: true, totalCents: true, currency: true, email: true } },
    },
  });
  if (options.request) {
    // An unknown payment id still counts against the address: ids cannot be probed freely.
    const limited = await options.request.checkRateLimit("testPayment", {
      ip: options.request.ip,
      account: payment?.order.email,
    });
    if (!limited.ok) return { ok: false, error: "rate_limited", message: limited.message };
  }
  if (!payment || payment.provider !== "TEST" || !payment.providerRef) {
    return { ok: false, error: "payment_not_found", message: "This payment link is invalid." };
  }
  if (payment.returnId) return payDifference(db, { ...payment, providerRef: payment.providerRef }, cardNumber, now);
  const orderId = payment.order.id;
  if (payment.status === "SUCCEEDED" || PAID_STATUSES.has(payment.order.status)) {
    return { ok: false, error: "already_paid", message: "This order has already been paid.", orderId };
  }
  if (payment.status !== "PENDING" || payment.order.status !== "PENDING_PAYMENT") {
    return { ok: false, error: "payment_closed", message: `This payment is closed. ${NOTHING_CHARGED}`, orderId };
  }
  if (payment.expiresAt && payment.expiresAt <= now) {
    return {
      ok: false,
      error: "payment_expired",
      message: `This payment page has expired. ${NOTHING_CHARGED}`,
      orderId,
    };
  }

  const card = testCardOf(cardNumber);
  const outcome = card?.outcome ?? "unsupported_test_card";
  if (outcome !== "succeeded" && outcome !== "elevated_risk") {
    await markPaymentFailed(db, { orderId, reason: outcome, provider: "TEST", providerRef: payment.providerRef });
    return { ok: false, error: outcome, message: `${DECLINE_MESSAGES[outcome]} ${NOTHING_CHARGED}`, orderId };
  }
  const paid = await markOrderPaid(
    db,
    {
      orderId,
      provider: "TEST",
      providerRef: payment.providerRef,
      // What the payment page asked and the card "took", as Stripe charges its session's amount: a payment
      // started for another total is refused and refunded, never counted (lib/orders/refused-payment.ts).
      amountCents: payment.amountCents,
      currency: payment.currency,
      riskSignals: card ? testCardRiskSignals(card) : {},
      // As a Radar review would: the seller sees the hold, the shopper sees a normal confirmation. The
      // hold is written in the transaction that marks the order paid.
      holds:
        outcome === "elevated_risk"
          ? [
              {
                source: `test-risk:${payment.id}`,
                message: "The payment was made with the test card for an elevated fraud risk (4000 0000 0000 9235).",
                data: { provider: "TEST", paymentId: payment.id, riskLevel: "elevated" },
              },
            ]
          : [],
    },
    { now },
  );
  switch (paid.outcome) {
    case "paid":
    case "already_paid":
      return { ok: true, orderId, message: "Payment received. Thank you!" };
    case "needs_refund":
      // The outbox worker refunds it (handler for "payment.refund_required"), as for any provider.
      return { ok: false, error: "refund_pending", message: refundPendingMessage(paid.reason), orderId };
    case "rejected":
      throw new Error(`test payment ${payment.id} rejected by markOrderPaid: ${paid.reason}`);
  }
}

function refundPendingMessage(reason: RefundReason): string {
  return isRefusedPaymentReason(reason)
    ? "Your payment did not match this order's total, so it was not applied: it will be refunded in full. You can pay the order again from its page."
    : "Some items sold out before your payment went through, so we cancelled the order. Your payment will be refunded in full.";
}

/** A dearer exchange's difference paid with a test card: confirmed like the Stripe webhook confirms it. */
async function payDifference(
  db: Db,
  payment: {
    id: string;
    providerRef: string;
    status: string;
    expiresAt: Date | null;
    amountCents: number;
    currency: string;
    order: { id: string };
  },
  cardNumber: string,
  now: Date,
): Promise<TestCardPaymentResult> {
  const orderId = payment.order.id;
  const tryAgain = "Nothing was charged: you can try again from your order page while the exchange is set aside.";
  if (payment.status === "SUCCEEDED") {
    return { ok: false, error: "already_paid", message: "This difference has already been paid.", orderId };
  }
  if (payment.status !== "PENDING") {
    return { ok: false, error: "payment_closed", message: `This payment is closed. ${tryAgain}`, orderId };
  }
  if (payment.expiresAt && payment.expiresAt <= now) {
    return {
      ok: false,
      error: "payment_expired",
      message: "This payment page has expired. Nothing was charged.",
      orderId,
    };
  }
  const outcome = testCardOf(cardNumber)?.outcome ?? "unsupported_test_card";
  if (outcome !== "succeeded" && outcome !== "elevated_risk") {
    await db.payment.updateMany({
      where: { id: payment.id, status: "PENDING" },
      data: { status: "FAILED", failureReason: outcome },
    });
    return { ok: false, error: outcome, message: `${DECLINE_MESSAGES[outcome]} ${tryAgain}`, orderId };
  }
  const paid = await markExchangeDifferencePaid(
    db,
    {
      provider: "TEST",
      providerRef: payment.providerRef,
      amountCents: payment.amountCents,
      currency: payment.currency,
    },
    { now },
  );
  if (paid.outcome === "rejected") throw new Error(`test payment ${payment.id} refused: ${paid.reason}`);
  if (paid.outcome === "needs_refund") {
    return {
      ok: false,
      error: "refund_pending",
      message: "The exchange was no longer set aside when your payment arrived: it will be refunded in full.",
      orderId,
    };
  }
  return { ok: true, orderId, message: "Payment received: your exchange ships once your return arrives." };
}

/** What the test payment page shows. Null when the id is not a test payment, or in production mode. */
export async function retrieveTestPayment(db: Db, paymentId: string) {
  if (!isDemoMode()) return null;
  if (!paymentId || paymentId.length > 64) return null;
  const payment = await db.payment.findUnique({
    where: { id: paymentId },
    select: {
      id: true,
      provider: true,
      status: true,
      amountCents: true,
      currency: true,
      expiresAt: true,
      returnId: true,
      order: { select: { id: true, number: true, status: true } },
    },
  });
  if (!payment || payment.provider !== "TEST") return null;
  const { provider: _provider, ...rest } = payment;
  return rest;
}

/**
 * Where the test payment page may send the shopper after paying: the `return` it was given (checkout's
 * success URL, /orders/<id>?key=...), reduced to this order's own page and its access key. Anything else
 * (another path, another site, no valid key) gives null: the caller falls back to the order lookup.
 */
export function safeOrderReturnPath(returnTo: string | null | undefined, orderId: string): string | null {
  if (!returnTo || returnTo.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(returnTo, "http://return.invalid");
  } catch {
    return null;
  }
  if (url.pathname !== orderAccessPath(orderId)) return null;
  const key = keyParam(url.searchParams.get("key"));
  return key ? orderAccessPath(orderId, key) : null;
}

/**
 * Where the test payment page and its pay action send the shopper after paying, as Stripe follows its
 * success_url: the order's page through the link it was given (a guest's, safeOrderReturnPath), else, for
 * the signed-in account that placed the order, its page without a key (the account opens it: the success
 * URL of a payment started from that page carries none). Null for anyone else: the caller falls back to the
 * order lookup.
 */
export async function orderPageAfterPayment(
  db: Db,
  returnTo: string | null | undefined,
  orderId: string,
  viewer: OrderViewer | null,
): Promise<string | null> {
  const linked = safeOrderReturnPath(returnTo, orderId);
  if (linked || !viewer) return linked;
  return (await canOpenOrder(db, { orderId, viewer })) ? orderAccessPath(orderId) : null;
}
