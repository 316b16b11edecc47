// The idempotency key of a payment's automatic refund: one refund per payment, however often the reason
// for it (a cancelled or refused payment, a duplicate) is reported.
export function refundKeyFor(paymentId: string): string {
  return `auto-refund:${paymentId}`;
}
