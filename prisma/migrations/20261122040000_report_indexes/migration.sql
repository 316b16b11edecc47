-- Indexes for the admin dashboard's period queries (lib/reports): paid orders by day of payment, carts
-- created in a period (cart conversion).

-- CreateIndex
CREATE INDEX "Order_paidAt_idx" ON "Order"("paidAt");

-- CreateIndex
CREATE INDEX "Cart_createdAt_idx" ON "Cart"("createdAt");
