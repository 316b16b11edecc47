-- Returns and exchanges (lib/orders/returns-*.ts, docs/returns.md): a shopper's request to send back
-- shipped units of an order, optionally for another variant of the same product, and the seller's
-- handling of it (approve or reject, receive each line, refund or ship the exchange).

-- CreateEnum
CREATE TYPE "ReturnStatus" AS ENUM ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'COMPLETED');
CREATE TYPE "ReturnCondition" AS ENUM ('RESELLABLE', 'DAMAGED');

-- AlterTable
-- Units of the line in returns that were not rejected: never more than shipped (the over-return guard).
ALTER TABLE "OrderLine" ADD COLUMN "returnedQuantity" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_returnedQuantity_check" CHECK ("returnedQuantity" >= 0 AND "returnedQuantity" <= "fulfilledQuantity");

-- CreateTable
CREATE TABLE "ReturnRequest" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "status" "ReturnStatus" NOT NULL DEFAULT 'REQUESTED',
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "sellerMessage" TEXT,
    "requestKey" TEXT NOT NULL,
    "requestedById" TEXT,
    "decidedById" TEXT,
    "refundId" TEXT,
    "refundCents" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "refundedAt" TIMESTAMP(3),
    "exchangeShippedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReturnRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnLine" (
    "id" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "orderLineId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "creditCents" INTEGER NOT NULL,
    "exchangeVariantId" TEXT,
    "exchangeOrderLineId" TEXT,
    "exchangeCents" INTEGER NOT NULL DEFAULT 0,
    "condition" "ReturnCondition",
    "locationId" TEXT,
    "receivedAt" TIMESTAMP(3),

    CONSTRAINT "ReturnLine_pkey" PRIMARY KEY ("id")
);

-- A returned line holds at least one unit; its credit (its share of what was paid) is an amount, and an
-- exchange never costs more than that credit (a dearer variant would need a payment: not offered).
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_quantity_check" CHECK ("quantity" > 0);
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_money_check" CHECK ("creditCents" >= 0 AND "exchangeCents" >= 0 AND "exchangeCents" <= "creditCents");
-- Received, its condition and the location it went back to are recorded together.
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_received_check" CHECK (
  ("receivedAt" IS NULL AND "condition" IS NULL AND "locationId" IS NULL)
  OR ("receivedAt" IS NOT NULL AND "condition" IS NOT NULL AND "locationId" IS NOT NULL)
);
ALTER TABLE "ReturnRequest" ADD CONSTRAINT "ReturnRequest_refundCents_check" CHECK ("refundCents" IS NULL OR "refundCents" >= 0);

-- CreateIndex
CREATE UNIQUE INDEX "ReturnRequest_requestKey_key" ON "ReturnRequest"("requestKey");
CREATE UNIQUE INDEX "ReturnRequest_refundId_key" ON "ReturnRequest"("refundId");
CREATE INDEX "ReturnRequest_orderId_idx" ON "ReturnRequest"("orderId");
CREATE INDEX "ReturnRequest_status_createdAt_idx" ON "ReturnRequest"("status", "createdAt");
CREATE UNIQUE INDEX "ReturnLine_exchangeOrderLineId_key" ON "ReturnLine"("exchangeOrderLineId");
CREATE UNIQUE INDEX "ReturnLine_returnId_orderLineId_key" ON "ReturnLine"("returnId", "orderLineId");
CREATE INDEX "ReturnLine_orderLineId_idx" ON "ReturnLine"("orderLineId");

-- AddForeignKey
ALTER TABLE "ReturnRequest" ADD CONSTRAINT "ReturnRequest_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReturnRequest" ADD CONSTRAINT "ReturnRequest_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "Refund"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "ReturnRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_exchangeOrderLineId_fkey" FOREIGN KEY ("exchangeOrderLineId") REFERENCES "OrderLine"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_exchangeVariantId_fkey" FOREIGN KEY ("exchangeVariantId") REFERENCES "Variant"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
