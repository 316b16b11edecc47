-- Search that understands queries: who a product is for, colour families of variant colours, and the
-- curated synonyms an admin edits (lib/search/tuning.ts).

-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('MEN', 'WOMEN', 'UNISEX', 'KIDS');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN "audience" "Audience";

-- CreateTable
CREATE TABLE "ColourFamilyMapping" (
    "colour" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ColourFamilyMapping_pkey" PRIMARY KEY ("colour")
);

-- CreateTable
CREATE TABLE "SearchSynonym" (
    "id" TEXT NOT NULL,
    "terms" TEXT[],
    "categoryId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchSynonym_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchSynonym_categoryId_idx" ON "SearchSynonym"("categoryId");

-- AddForeignKey
ALTER TABLE "SearchSynonym" ADD CONSTRAINT "SearchSynonym_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A colour is stored lower-cased and trimmed, so it has one row whatever its spelling on variants; a
-- synonym group holds 1 to 20 terms.
ALTER TABLE "ColourFamilyMapping" ADD CONSTRAINT "ColourFamilyMapping_colour_check" CHECK ("colour" = lower(btrim("colour")) AND "colour" <> '');
ALTER TABLE "SearchSynonym" ADD CONSTRAINT "SearchSynonym_terms_check" CHECK (cardinality("terms") BETWEEN 1 AND 20);

-- The synonyms every store had built in until now, as the first curated rows (an admin can edit or delete
-- them). Groups whose words appear in a category's name narrow queries to it without naming it here.
INSERT INTO "SearchSynonym" ("id", "terms", "updatedAt") VALUES
  ('syn_default_tee', ARRAY['tee', 't-shirt', 'tshirt', 'shirt'], CURRENT_TIMESTAMP),
  ('syn_default_sneakers', ARRAY['sneakers', 'trainers', 'runners', 'kicks'], CURRENT_TIMESTAMP),
  ('syn_default_shoes', ARRAY['shoes', 'footwear'], CURRENT_TIMESTAMP),
  ('syn_default_hoodie', ARRAY['hoodie', 'sweatshirt', 'pullover', 'jumper', 'sweater'], CURRENT_TIMESTAMP),
  ('syn_default_trousers', ARRAY['trousers', 'pants', 'chinos', 'slacks', 'joggers'], CURRENT_TIMESTAMP),
  ('syn_default_jacket', ARRAY['jacket', 'coat', 'parka', 'anorak', 'raincoat'], CURRENT_TIMESTAMP),
  ('syn_default_hat', ARRAY['beanie', 'hat', 'toque', 'cap'], CURRENT_TIMESTAMP),
  ('syn_default_backpack', ARRAY['backpack', 'rucksack', 'knapsack', 'daypack'], CURRENT_TIMESTAMP),
  ('syn_default_bottle', ARRAY['bottle', 'flask', 'thermos'], CURRENT_TIMESTAMP),
  ('syn_default_mug', ARRAY['mug', 'cup'], CURRENT_TIMESTAMP),
  ('syn_default_lamp', ARRAY['lamp', 'light', 'lighting'], CURRENT_TIMESTAMP),
  ('syn_default_cushion', ARRAY['cushion', 'pillow'], CURRENT_TIMESTAMP),
  ('syn_default_sofa', ARRAY['sofa', 'couch'], CURRENT_TIMESTAMP),
  ('syn_default_gift', ARRAY['gift', 'present'], CURRENT_TIMESTAMP),
  ('syn_default_grey', ARRAY['grey', 'gray'], CURRENT_TIMESTAMP),
  ('syn_default_colour', ARRAY['colour', 'color'], CURRENT_TIMESTAMP);
