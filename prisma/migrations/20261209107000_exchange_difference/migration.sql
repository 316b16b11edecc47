-- A dearer exchange (docs/returns.md): the exchange may cost more than the returned units' credit; the
-- shopper pays the difference before it ships. The return records what is due, until when the new
-- variant is held for that payment, and when it was paid.

-- An exchange's cost is an amount; it may now exceed the credit (the return's differenceCents is due).
ALTER TABLE "ReturnLine" DROP CONSTRAINT "ReturnLine_money_check";
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_money_check" CHECK ("creditCents" >= 0 AND "exchangeCents" >= 0);

-- AlterTable
ALTER TABLE "ReturnRequest" ADD COLUMN "differenceCents" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ReturnRequest" ADD COLUMN "differenceDueBy" TIMESTAMP(3);
ALTER TABLE "ReturnRequest" ADD COLUMN "differencePaidAt" TIMESTAMP(3);

-- What is due is an amount; only something due can be paid or held for.
ALTER TABLE "ReturnRequest" ADD CONSTRAINT "ReturnRequest_difference_check" CHECK (
    "differenceCents" >= 0
    AND ("differencePaidAt" IS NULL OR "differenceCents" > 0)
    AND ("differenceDueBy" IS NULL OR "differenceCents" > 0)
);

-- CreateIndex
-- The sweep that releases dearer exchanges left unpaid past their hold.
CREATE INDEX "ReturnRequest_differenceDueBy_idx" ON "ReturnRequest"("differenceDueBy");

-- AlterTable
-- The payment of a return's difference (null for an order's own payments).
ALTER TABLE "Payment" ADD COLUMN "returnId" TEXT;

-- CreateIndex
CREATE INDEX "Payment_returnId_idx" ON "Payment"("returnId");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "ReturnRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
