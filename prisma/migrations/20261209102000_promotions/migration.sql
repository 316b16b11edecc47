-- Automatic promotions (lib/promotions, priced by lib/pricing/promotions.ts) and the discount lines each
-- order keeps by name (a promotion or the coupon), so the order, the admin and the emails can list them.

-- CreateEnum
CREATE TYPE "PromotionKind" AS ENUM ('PERCENT_OFF', 'AMOUNT_OFF', 'BUY_X_GET_Y', 'TIERED_SPEND', 'FREE_SHIPPING');

-- CreateEnum
CREATE TYPE "PromotionScope" AS ENUM ('ALL', 'PRODUCTS', 'CATEGORIES', 'BRANDS');

-- CreateEnum
CREATE TYPE "DiscountSource" AS ENUM ('PROMOTION', 'COUPON');

-- CreateEnum
CREATE TYPE "DiscountTarget" AS ENUM ('ITEMS', 'SHIPPING');

-- CreateTable
CREATE TABLE "Promotion" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PromotionKind" NOT NULL,
    "scope" "PromotionScope" NOT NULL DEFAULT 'ALL',
    "targetIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "valueBps" INTEGER,
    "amountCents" INTEGER,
    "buyQuantity" INTEGER,
    "getQuantity" INTEGER,
    "tiers" JSONB NOT NULL DEFAULT '[]',
    "minSubtotalCents" INTEGER,
    "shippingZone" TEXT,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "combinesWithCoupons" BOOLEAN NOT NULL DEFAULT false,
    "combinesWithPromotions" BOOLEAN NOT NULL DEFAULT false,
    "usageLimit" INTEGER,
    "timesUsed" INTEGER NOT NULL DEFAULT 0,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
);

-- A percentage is 0.01 % to 100 %; amounts and quantities are positive; the count of paid uses never
-- passes the limit (the guarded update at payment relies on it); a window ends after it starts; each kind
-- has the fields it prices with.
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_valueBps_check" CHECK ("valueBps" IS NULL OR "valueBps" BETWEEN 1 AND 10000);
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_amounts_check" CHECK (("amountCents" IS NULL OR "amountCents" > 0) AND ("minSubtotalCents" IS NULL OR "minSubtotalCents" >= 0));
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_quantities_check" CHECK (("buyQuantity" IS NULL OR "buyQuantity" BETWEEN 1 AND 100) AND ("getQuantity" IS NULL OR "getQuantity" BETWEEN 1 AND 100));
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_usage_check" CHECK ("timesUsed" >= 0 AND ("usageLimit" IS NULL OR ("usageLimit" > 0 AND "timesUsed" <= "usageLimit")));
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_window_check" CHECK ("startsAt" IS NULL OR "endsAt" IS NULL OR "endsAt" > "startsAt");
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_kind_fields_check" CHECK (
    ("kind" <> 'PERCENT_OFF' OR "valueBps" IS NOT NULL)
    AND ("kind" <> 'AMOUNT_OFF' OR "amountCents" IS NOT NULL)
    AND ("kind" <> 'BUY_X_GET_Y' OR ("buyQuantity" IS NOT NULL AND "getQuantity" IS NOT NULL AND "valueBps" IS NOT NULL))
    AND ("kind" <> 'TIERED_SPEND' OR jsonb_array_length("tiers") > 0)
);

-- CreateIndex
CREATE INDEX "Promotion_active_endsAt_idx" ON "Promotion"("active", "endsAt");

-- CreateTable
CREATE TABLE "OrderDiscount" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "source" "DiscountSource" NOT NULL,
    "target" "DiscountTarget" NOT NULL DEFAULT 'ITEMS',
    "promotionId" TEXT,
    "name" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,

    CONSTRAINT "OrderDiscount_pkey" PRIMARY KEY ("id")
);

-- A discount line is an amount taken off, never added.
ALTER TABLE "OrderDiscount" ADD CONSTRAINT "OrderDiscount_amountCents_check" CHECK ("amountCents" >= 0);

-- CreateIndex
CREATE UNIQUE INDEX "OrderDiscount_orderId_position_key" ON "OrderDiscount"("orderId", "position");

-- CreateIndex
CREATE INDEX "OrderDiscount_promotionId_idx" ON "OrderDiscount"("promotionId");

-- AddForeignKey
ALTER TABLE "OrderDiscount" ADD CONSTRAINT "OrderDiscount_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderDiscount" ADD CONSTRAINT "OrderDiscount_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A payment taken for an order whose limited promotion was used up meanwhile is refunded in full, like
-- one whose coupon ran out (lib/orders/mark-paid.ts).
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_autoRefundReason_check";
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_autoRefundReason_check"
    CHECK ("autoRefundReason" IN ('out_of_stock', 'coupon_exhausted', 'promotion_exhausted', 'order_cancelled', 'duplicate_payment'));
