-- Password reset and email verification links (lib/auth/account-tokens.ts), and verified emails for the
-- accounts that existed before verification.

-- CreateEnum
CREATE TYPE "AccountTokenPurpose" AS ENUM ('PASSWORD_RESET', 'EMAIL_VERIFICATION');

-- CreateTable
-- A link sent by email: the row id and a 32-byte random secret travel in the link, only the secret's
-- SHA-256 is stored. usedAt is set once, by a guarded conditional update.
CREATE TABLE "AccountToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "AccountTokenPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountToken_userId_purpose_idx" ON "AccountToken"("userId", "purpose");

-- AddForeignKey
ALTER TABLE "AccountToken" ADD CONSTRAINT "AccountToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Accounts created before email verification existed were never asked to verify: they keep shopping (and
-- later reviewing) as before, so they count as verified from their creation. New sign-ups start unverified.
UPDATE "User" SET "emailVerified" = "createdAt" WHERE "emailVerified" IS NULL;
