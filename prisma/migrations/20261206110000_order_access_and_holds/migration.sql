-- Order access links, the placing address of an order (for the caps on stock held by unpaid orders) and
-- the index behind the staff refund limit per day.

-- CreateTable
-- A link that opens a guest's order page: only the SHA-256 of its random token is stored, so the table
-- alone opens nothing. Several per order (placing, each email, each successful lookup).
CREATE TABLE "OrderAccessToken" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderAccessToken_pkey" PRIMARY KEY ("id")
);

-- AlterTable
-- SHA-256 of the client address the order was placed from (null when unknown).
ALTER TABLE "Order" ADD COLUMN "placedIpHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "OrderAccessToken_tokenHash_key" ON "OrderAccessToken"("tokenHash");

-- CreateIndex
CREATE INDEX "OrderAccessToken_orderId_idx" ON "OrderAccessToken"("orderId");

-- CreateIndex
CREATE INDEX "Order_placedIpHash_status_idx" ON "Order"("placedIpHash", "status");

-- CreateIndex
CREATE INDEX "Refund_createdById_createdAt_idx" ON "Refund"("createdById", "createdAt");

-- AddForeignKey
ALTER TABLE "OrderAccessToken" ADD CONSTRAINT "OrderAccessToken_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;
