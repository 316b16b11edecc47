-- Store settings edited in /admin/settings (lib/settings/): the store's scalar settings in one row, and
-- SEO fields on categories and brands.

-- CreateTable
-- One row (id 'default') once an administrator saved the settings; until then the code's defaults apply.
CREATE TABLE "StoreSettings" (
    "id" TEXT NOT NULL,
    "currencyDisplay" TEXT NOT NULL DEFAULT 'symbol',
    "returnWindowDays" INTEGER NOT NULL DEFAULT 30,
    "freeShippingThresholdCents" INTEGER,
    "lowStockRecipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoreSettings_pkey" PRIMARY KEY ("id")
);

-- How prices show the currency (Intl.NumberFormat's currencyDisplay); a return window of 0 (no returns)
-- to a year; a free-shipping threshold that is an amount; at most 20 digest recipients.
ALTER TABLE "StoreSettings" ADD CONSTRAINT "StoreSettings_currencyDisplay_check" CHECK ("currencyDisplay" IN ('symbol', 'narrowSymbol', 'code'));
ALTER TABLE "StoreSettings" ADD CONSTRAINT "StoreSettings_returnWindowDays_check" CHECK ("returnWindowDays" BETWEEN 0 AND 365);
ALTER TABLE "StoreSettings" ADD CONSTRAINT "StoreSettings_freeShippingThresholdCents_check" CHECK ("freeShippingThresholdCents" IS NULL OR "freeShippingThresholdCents" >= 0);
ALTER TABLE "StoreSettings" ADD CONSTRAINT "StoreSettings_lowStockRecipients_check" CHECK (cardinality("lowStockRecipients") <= 20);

-- AlterTable
ALTER TABLE "Category" ADD COLUMN "seoTitle" TEXT, ADD COLUMN "seoDescription" TEXT;
ALTER TABLE "Brand" ADD COLUMN "seoTitle" TEXT, ADD COLUMN "seoDescription" TEXT;
