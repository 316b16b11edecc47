-- AlterTable
ALTER TABLE "Cart" ADD COLUMN     "checkoutToken" TEXT,
ADD COLUMN     "shippingAddress" JSONB,
ADD COLUMN     "shippingMethod" "ShippingMethod";
