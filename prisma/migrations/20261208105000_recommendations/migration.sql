-- Recommendations (lib/recommendations): co-purchase counts per pair of products and order counts per
-- product, kept up to date from paid orders through the outbox, and the per-order guard that makes the
-- update idempotent (a replayed event finds the order already counted and changes nothing).

-- CreateTable
CREATE TABLE "ProductPair" (
    "productAId" TEXT NOT NULL,
    "productBId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductPair_pkey" PRIMARY KEY ("productAId","productBId")
);

-- CreateTable
CREATE TABLE "ProductSales" (
    "productId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "units" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductSales_pkey" PRIMARY KEY ("productId")
);

-- CreateTable
CREATE TABLE "RecommendationOrder" (
    "orderId" TEXT NOT NULL,
    "counted" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecommendationOrder_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE INDEX "ProductPair_productBId_idx" ON "ProductPair"("productBId");

-- AddForeignKey
ALTER TABLE "ProductPair" ADD CONSTRAINT "ProductPair_productAId_fkey" FOREIGN KEY ("productAId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductPair" ADD CONSTRAINT "ProductPair_productBId_fkey" FOREIGN KEY ("productBId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductSales" ADD CONSTRAINT "ProductSales_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationOrder" ADD CONSTRAINT "RecommendationOrder_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One row per unordered pair: the smaller id first. Counts never go below zero.
ALTER TABLE "ProductPair" ADD CONSTRAINT "ProductPair_order_check" CHECK ("productAId" < "productBId");
ALTER TABLE "ProductPair" ADD CONSTRAINT "ProductPair_orders_check" CHECK ("orders" >= 0);
ALTER TABLE "ProductSales" ADD CONSTRAINT "ProductSales_counts_check" CHECK ("orders" >= 0 AND "units" >= 0);
