-- An order payment that markOrderPaid refuses (another amount or currency than the order's total, or a payment
-- started for another order) is refunded in full under its own reason (docs/checkout-and-payments.md): money no
-- order keeps, so its refund leaves the order's refundedCents and payment status alone
-- (lib/orders/refused-payment.ts, lib/payments/refund-settlement.ts).
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_autoRefundReason_check";
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_autoRefundReason_check"
    CHECK ("autoRefundReason" IN ('out_of_stock', 'coupon_exhausted', 'promotion_exhausted', 'order_cancelled', 'duplicate_payment', 'exchange_released', 'amount_mismatch', 'currency_mismatch', 'payment_of_another_order'));
