-- Wishlists for guests and accounts (lib/wishlist) and back-in-stock alerts (lib/inventory/back-in-stock.ts).

-- CreateTable
-- A guest's wishlist is named by an httpOnly cookie and expires; an account has one, which does not.
CREATE TABLE "Wishlist" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Wishlist_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Wishlist_userId_key" ON "Wishlist"("userId");

-- CreateIndex
CREATE INDEX "Wishlist_expiresAt_idx" ON "Wishlist"("expiresAt");

-- AddForeignKey
ALTER TABLE "Wishlist" ADD CONSTRAINT "Wishlist_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Items saved by an account before now move into that account's wishlist.
INSERT INTO "Wishlist" ("id", "userId", "updatedAt")
SELECT 'wl' || md5(u."userId"), u."userId", CURRENT_TIMESTAMP
FROM (SELECT DISTINCT "userId" FROM "WishlistItem") u;

ALTER TABLE "WishlistItem" ADD COLUMN "wishlistId" TEXT;
UPDATE "WishlistItem" i SET "wishlistId" = w."id" FROM "Wishlist" w WHERE w."userId" = i."userId";
ALTER TABLE "WishlistItem" ALTER COLUMN "wishlistId" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "WishlistItem" DROP CONSTRAINT "WishlistItem_userId_fkey";

-- DropIndex
DROP INDEX "WishlistItem_userId_productId_key";

-- AlterTable
ALTER TABLE "WishlistItem" DROP COLUMN "userId";

-- CreateIndex
CREATE UNIQUE INDEX "WishlistItem_wishlistId_productId_key" ON "WishlistItem"("wishlistId", "productId");

-- AddForeignKey
ALTER TABLE "WishlistItem" ADD CONSTRAINT "WishlistItem_wishlistId_fkey" FOREIGN KEY ("wishlistId") REFERENCES "Wishlist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
-- One subscription per variant and email; notifiedAt is set by the guarded update that queues its email.
CREATE TABLE "StockAlert" (
    "id" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" TIMESTAMP(3),
    "sentCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StockAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StockAlert_variantId_email_key" ON "StockAlert"("variantId", "email");

-- AddForeignKey
ALTER TABLE "StockAlert" ADD CONSTRAINT "StockAlert_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
