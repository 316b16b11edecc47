-- A payment the store refunds in full on its own now says so in its own column, instead of only in the
-- payload of its "payment.refund_required" outbox event (pruning the outbox must never change what an
-- order can still refund).

-- AlterTable
-- Why markOrderPaid refunds this payment in full: out_of_stock, coupon_exhausted, order_cancelled, or
-- duplicate_payment (another payment paid the order, so this one never counts in its balance). Null for
-- a payment the order keeps.
ALTER TABLE "Payment" ADD COLUMN "autoRefundReason" TEXT;

ALTER TABLE "Payment" ADD CONSTRAINT "Payment_autoRefundReason_check"
    CHECK ("autoRefundReason" IN ('out_of_stock', 'coupon_exhausted', 'order_cancelled', 'duplicate_payment'));

-- Data: the reason markOrderPaid recorded in the outbox event of each payment it flagged (dedupe key
-- refund-required:<payment id>). A seller's cancellation queues an event under the same key with the
-- reason "order_cancelled: <note>": that payment was the order's own, so it is not flagged.
UPDATE "Payment" p
SET "autoRefundReason" = x.payload->>'reason'
FROM "OutboxEvent" x
WHERE x."dedupeKey" = 'refund-required:' || p.id
  AND x.topic = 'payment.refund_required'
  AND x.payload->>'reason' IN ('out_of_stock', 'coupon_exhausted', 'order_cancelled', 'duplicate_payment');
