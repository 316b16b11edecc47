-- Accounts created with a generated password must change it at first sign-in (lib/auth/guard.ts).
-- Existing accounts are not forced: their passwords may already have been changed.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
