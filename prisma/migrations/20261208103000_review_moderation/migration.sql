-- Shoppers' reviews (lib/reviews): a status for moderation, an edit time, one review per product per
-- account, length limits, and the store's review settings (/admin/reviews).

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('PENDING', 'PUBLISHED', 'HIDDEN');

-- AlterTable
-- Existing (seeded) reviews stay published.
ALTER TABLE "Review" ADD COLUMN "status" "ReviewStatus" NOT NULL DEFAULT 'PUBLISHED',
ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- The limits of the review form (lib/reviews/input.ts), so nothing longer can be stored.
ALTER TABLE "Review" ADD CONSTRAINT "Review_text_length_check" CHECK (
  char_length("title") <= 120 AND char_length("body") <= 5000 AND char_length("authorName") BETWEEN 1 AND 80);

-- CreateIndex
-- NULL userIds (seeded reviews) never collide: PostgreSQL treats NULLs as distinct.
CREATE UNIQUE INDEX "Review_productId_userId_key" ON "Review"("productId", "userId");

-- CreateIndex
CREATE INDEX "Review_status_createdAt_idx" ON "Review"("status", "createdAt");

-- CreateTable
-- One row (id 'default') once an administrator saved the settings; until then reviews go live at once.
CREATE TABLE "ReviewSettings" (
    "id" TEXT NOT NULL,
    "requireApproval" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewSettings_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "ReviewSettings" ADD CONSTRAINT "ReviewSettings_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
