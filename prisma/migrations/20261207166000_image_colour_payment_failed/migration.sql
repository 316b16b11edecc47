-- A product image can show one option value (its colour), so the gallery follows the shopper's pick; and
-- an order whose payment failed is closed by the worker as PAYMENT_FAILED (its stock already released).

-- AlterTable
ALTER TABLE "ProductImage" ADD COLUMN "optionValueId" TEXT;

-- CreateIndex
CREATE INDEX "ProductImage_optionValueId_idx" ON "ProductImage"("optionValueId");

-- AddForeignKey
ALTER TABLE "ProductImage" ADD CONSTRAINT "ProductImage_optionValueId_fkey" FOREIGN KEY ("optionValueId") REFERENCES "ProductOptionValue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'PAYMENT_FAILED' AFTER 'PENDING_PAYMENT';
