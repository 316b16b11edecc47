-- AlterTable
ALTER TABLE "Cart" ADD COLUMN     "checkoutToken" TEXT,
ADD COLUMN     "shippingAddress" JSONB,
ADD COLUMN     "shippingMethod" "ShippingMethod";

-- CreateIndex
CREATE INDEX "Order_couponId_status_idx" ON "Order"("couponId", "status");
