-- An exchange difference paid after its exchange was released (docs/returns.md#a-dearer-exchange) is refunded
-- in full under its own reason: like a duplicate payment it is money the order never counted, so its refund
-- leaves the order's refundedCents and payment status alone (lib/payments/refund-settlement.ts).
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_autoRefundReason_check";
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_autoRefundReason_check"
    CHECK ("autoRefundReason" IN ('out_of_stock', 'coupon_exhausted', 'promotion_exhausted', 'order_cancelled', 'duplicate_payment', 'exchange_released'));
