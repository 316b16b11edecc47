-- The worker reconciles refunds left PENDING (the provider call failed, timed out or answered a server
-- error) with the provider: lib/payments/refund-reconcile.ts.

-- AlterTable
-- attempts: reconciliation attempts so far; keyGeneration: which idempotency key the next provider call
-- uses (0: the request's own key; n: a fresh key after Stripe saved a server error under the previous
-- one); nextAttemptAt: when the worker may try again (also its lease while it tries); lastError: the last
-- failure, shown to the seller.
ALTER TABLE "Refund" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "keyGeneration" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN "lastError" TEXT;

ALTER TABLE "Refund" ADD CONSTRAINT "Refund_attempts_check" CHECK ("attempts" >= 0 AND "keyGeneration" >= 0);

-- CreateIndex
CREATE INDEX "Refund_status_nextAttemptAt_idx" ON "Refund"("status", "nextAttemptAt");
