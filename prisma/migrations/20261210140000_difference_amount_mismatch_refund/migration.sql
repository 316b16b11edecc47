-- An exchange difference whose payment took another amount (or currency) than the one asked pays nothing and is
-- refunded in full under its own reason (docs/returns.md#a-dearer-exchange): like a duplicate payment it is money
-- the order never counted, so its refund leaves the order's refundedCents and payment status alone
-- (lib/payments/refund-settlement.ts).
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_autoRefundReason_check";
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_autoRefundReason_check"
    CHECK ("autoRefundReason" IN ('out_of_stock', 'coupon_exhausted', 'promotion_exhausted', 'order_cancelled', 'duplicate_payment', 'exchange_released', 'amount_mismatch'));
